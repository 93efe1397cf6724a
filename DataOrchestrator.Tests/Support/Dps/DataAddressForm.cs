namespace DataOrchestrator.Tests.Support.Dps;

/// <summary>The three forms of a pull DataAddress the facts document names (§1.3, §4).</summary>
public enum DataAddressForm
{
    /// <summary>The DPS HTTP profile: <c>authorization</c> + <c>authType: bearer</c>, with the token renewal properties.</summary>
    Spec,

    /// <summary>EDC's own: <c>endpointType: http</c>, the endpoint in the namespaced property, the token in <c>authorization</c>.</summary>
    Edc,

    /// <summary>MVD's: <c>endpointType: http</c>, the token in <c>access_token</c>.</summary>
    Mvd,
}
