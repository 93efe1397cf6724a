using System.ComponentModel.DataAnnotations;
using DataOrchestrator.Application.Transfers.DataPlane;

namespace DataOrchestrator.Application.Transfers;

/// <summary>
/// Settings for the connectors whose address starts with <see cref="AddressPrefix"/> (configuration
/// <c>Edc:Connectors:N:…</c>, env <c>Edc__Connectors__0__AddressPrefix</c> …). Unset values fall back to the
/// global <c>Edc</c> settings; when several prefixes match, the longest wins.
/// </summary>
public sealed class ConnectorProfile : IValidatableObject
{
    public string AddressPrefix { get; set; } = string.Empty;

    public string? ManagementPath { get; set; }

    /// <summary>This connector's Management API key.</summary>
    public string? ApiKey { get; set; }

    /// <summary><c>v3</c> or <c>v4</c>: see <see cref="TransferOptions.ManagementApiVersion"/>.</summary>
    public string? ManagementApiVersion { get; set; }

    /// <summary><c>v3</c> or <c>v4</c>: see <see cref="TransferOptions.EdrApiVersion"/>.</summary>
    public string? EdrApiVersion { get; set; }

    /// <summary>Tractus-X EDR refresh: see <see cref="TransferOptions.EdrAutoRefresh"/>.</summary>
    public bool? EdrAutoRefresh { get; set; }

    public string? DataPlaneTokenScheme { get; set; }

    public string? EndpointRewrites { get; set; }

    public string? Protocol { get; set; }

    public bool? TerminateAfterDownload { get; set; }

    /// <summary><c>edr</c> or <c>dps</c>: see <see cref="TransferOptions.DataFlow"/>.</summary>
    public string? DataFlow { get; set; }

    /// <summary>See <see cref="TransferOptions.SignalingUrl"/>.</summary>
    public string? SignalingUrl { get; set; }

    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var name = $"Connectors[{AddressPrefix}]";
        if (!IsHttpUrl(AddressPrefix))
        {
            yield return new ValidationResult($"{name}: AddressPrefix must be an absolute http(s) URL.", [nameof(AddressPrefix)]);
        }

        if (ManagementPath is not null && !TransferOptions.IsManagementPath(ManagementPath))
        {
            yield return new ValidationResult($"{name}: ManagementPath must start with '/' and contain only URL path characters.", [nameof(ManagementPath)]);
        }

        if (ManagementApiVersion is not null && !TransferOptions.IsApiVersion(ManagementApiVersion))
        {
            yield return new ValidationResult($"{name}: ManagementApiVersion must be 'v3' or 'v4'.", [nameof(ManagementApiVersion)]);
        }

        if (EdrApiVersion is not null && !TransferOptions.IsApiVersion(EdrApiVersion))
        {
            yield return new ValidationResult($"{name}: EdrApiVersion must be 'v3' or 'v4'.", [nameof(EdrApiVersion)]);
        }

        if (ApiKey is { Length: 0 })
        {
            yield return new ValidationResult($"{name}: ApiKey must not be empty.", [nameof(ApiKey)]);
        }

        if (DataPlaneTokenScheme is not null and not ("raw" or "bearer"))
        {
            yield return new ValidationResult($"{name}: DataPlaneTokenScheme must be 'raw' or 'bearer'.", [nameof(DataPlaneTokenScheme)]);
        }

        if (DataFlow is not null && !DataFlowKinds.IsKnown(DataFlow))
        {
            yield return new ValidationResult($"{name}: DataFlow must be 'edr' or 'dps'.", [nameof(DataFlow)]);
        }

        if (SignalingUrl is not null && !IsHttpUrl(SignalingUrl))
        {
            yield return new ValidationResult($"{name}: SignalingUrl must be an absolute http(s) URL.", [nameof(SignalingUrl)]);
        }

        if (!EndpointRewriteRules.TryParse(EndpointRewrites, out _, out var error))
        {
            yield return new ValidationResult($"{name}: EndpointRewrites: {error}", [nameof(EndpointRewrites)]);
        }
    }
}
