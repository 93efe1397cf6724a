namespace DataOrchestrator.EdcSimulator.Scenarios;

/// <summary>The forms of the provider DataAddress a DPS <c>/started</c> message can carry (<see cref="DpsBehaviour.DataAddressForm"/>).</summary>
public static class DataAddressForms
{
    /// <summary>DPS HTTP profile: endpointType <c>https://w3id.org/dspace-sig/profile/http-pull</c>, <c>authorization</c> + <c>authType: bearer</c>.</summary>
    public const string Spec = "spec";

    /// <summary>EDC e2e style: endpointType <c>http</c>, the token in <c>authorization</c>.</summary>
    public const string Edc = "edc";

    /// <summary>MVD style: endpointType <c>http</c>, the token in <c>access_token</c>.</summary>
    public const string Mvd = "mvd";

    internal static bool IsKnown(string form) => form is Spec or Edc or Mvd;
}
