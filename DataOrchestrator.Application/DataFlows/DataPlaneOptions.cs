using System.ComponentModel.DataAnnotations;
using DataOrchestrator.Application.Security;

namespace DataOrchestrator.Application.DataFlows;

/// <summary>
/// The service as the consumer data plane of Data Plane Signaling (used by connectors with <c>EDC_DATA_FLOW=dps</c>):
/// how it registers with the control plane, and who may signal it.
/// </summary>
public sealed class DataPlaneOptions : IValidatableObject
{
    public const string SectionName = "DataPlane";
    public const string NoAuth = "none";
    public const string OAuth2Auth = "oauth2";

    /// <summary>The path under which the signaling endpoints are served; EDC appends <c>/prepare</c>, <c>/{id}/started</c>, … to it.</summary>
    public const string DataFlowsPath = "/signaling/dataflows";

    /// <summary>The <c>dataplaneId</c> registered with the control plane (env <c>DATAPLANE_ID</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z0-9._:-]{1,200}$", ErrorMessage = "Id (DATAPLANE_ID) must be 1–200 letters, digits or . _ : -.")]
    public string Id { get; set; } = "dataorchestrator";

    /// <summary>The service's own base URL as the control plane reaches it (env <c>DATAPLANE_PUBLIC_URL</c>); required for DPS.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>The transfer type registered and requested (env <c>DATAPLANE_TRANSFER_TYPE</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    public string TransferType { get; set; } = "HttpData-PULL";

    /// <summary>Labels, comma-separated (env <c>DATAPLANE_LABELS</c>): registered, and asked for in every TransferRequest.</summary>
    public string? Labels { get; set; }

    /// <summary>Accept provider endpoints over plain HTTP (env <c>DATAPLANE_ALLOW_HTTP_ENDPOINTS</c>); the HTTP profile says HTTPS only.</summary>
    public bool AllowHttpEndpoints { get; set; }

    /// <summary>How signaling calls are authenticated (env <c>DATAPLANE_AUTH</c>): <c>none</c> or <c>oauth2</c>.</summary>
    public string Auth { get; set; } = NoAuth;

    /// <summary>The <c>oauth2_client_credentials</c> profile used with <c>DATAPLANE_AUTH=oauth2</c> (env <c>DATAPLANE_OAUTH2_*</c>).</summary>
    public DataPlaneOAuth2Options OAuth2 { get; set; } = new();

    public bool UsesOAuth2 => Auth == OAuth2Auth;

    /// <summary>Allow <c>DATAPLANE_AUTH=none</c> in Production (env <c>DATAPLANE_ALLOW_UNAUTHENTICATED</c>).</summary>
    public bool AllowUnauthenticated { get; set; }

    /// <summary>Hosts signaling calls may come from (env <c>ALLOWED_CONTROL_PLANE_HOSTS</c>): names, IPs, CIDR ranges; empty allows any.</summary>
    public string? AllowedControlPlaneHosts { get; set; }

    public IReadOnlyList<string> LabelList =>
        (Labels ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary><see cref="PublicUrl"/> + <see cref="DataFlowsPath"/>: the <c>endpoint</c> registered with the control plane.</summary>
    public Uri? SignalingEndpoint => PublicUrl is null ? null : new Uri(PublicUrl.TrimEnd('/') + DataFlowsPath, UriKind.Absolute);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Auth == OAuth2Auth)
        {
            foreach (var problem in OAuth2.Check(AllowHttpEndpoints))
            {
                yield return problem;
            }
        }
        else if (Auth != NoAuth)
        {
            yield return new ValidationResult("Auth (DATAPLANE_AUTH) must be 'none' or 'oauth2'.", [nameof(Auth)]);
        }

        if (PublicUrl is not null && (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Query.Length > 0))
        {
            yield return new ValidationResult("PublicUrl (DATAPLANE_PUBLIC_URL) must be an absolute http(s) URL without a query.", [nameof(PublicUrl)]);
        }

        string? hostsProblem = null;
        try
        {
            HostAllowList.Parse(AllowedControlPlaneHosts);
        }
        catch (FormatException exception)
        {
            hostsProblem = exception.Message;
        }

        if (hostsProblem is not null)
        {
            yield return new ValidationResult($"AllowedControlPlaneHosts (ALLOWED_CONTROL_PLANE_HOSTS): {hostsProblem}", [nameof(AllowedControlPlaneHosts)]);
        }
    }
}
