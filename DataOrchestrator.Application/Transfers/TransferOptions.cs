using System.ComponentModel.DataAnnotations;
using DataOrchestrator.Application.Transfers.DataPlane;

namespace DataOrchestrator.Application.Transfers;

/// <summary>How the pipeline talks to the consumer connector's Management API and to the provider's data plane.</summary>
public sealed class TransferOptions : IValidatableObject
{
    public const string SectionName = "Edc";

    private const string ManagementPathPattern = "^/[A-Za-z0-9._~/-]*$";
    private const string ApiVersionPattern = "^v[34]$";

    /// <summary>Sent to the connector as <c>X-Api-Key</c> (env <c>EDC_API_KEY</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    public string ApiKey { get; set; } = "password";

    /// <summary>Appended to the connector address unless the address already ends with it.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression(ManagementPathPattern, ErrorMessage = "ManagementPath must start with '/' and contain only URL path characters.")]
    public string ManagementPath { get; set; } = "/api/management";

    /// <summary>
    /// The Management API version for transfers and negotiations (env <c>EDC_MANAGEMENT_API_VERSION</c>): <c>v3</c>
    /// (EDC 0.7 – 0.18, Tractus-X) or <c>v4</c> (EDC 0.17 and later).
    /// </summary>
    [RegularExpression(ApiVersionPattern, ErrorMessage = "ManagementApiVersion must be 'v3' or 'v4'.")]
    public string ManagementApiVersion { get; set; } = "v3";

    /// <summary>
    /// The API version of EDR retrieval (env <c>EDC_EDR_API_VERSION</c>). <c>v3</c> for every EDC release so far: EDC
    /// 0.17/0.18 keep <c>/v3/edrs</c> next to their v4 API; MVD 0.17's own requests use <c>/v4/edrs</c>.
    /// </summary>
    [RegularExpression(ApiVersionPattern, ErrorMessage = "EdrApiVersion must be 'v3' or 'v4'.")]
    public string EdrApiVersion { get; set; } = "v3";

    /// <summary>
    /// Tractus-X EDC's EDR refresh (env <c>EDR_AUTO_REFRESH</c>): ask for <c>?auto_refresh=true</c> and, when the
    /// data plane answers 401/403, refresh the EDR once through <c>POST /v3/edrs/{id}/refresh</c> and retry once.
    /// </summary>
    public bool EdrAutoRefresh { get; set; }

    /// <summary>The DSP protocol for addresses whose path names no version (env <c>EDC_PROTOCOL</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Protocol { get; set; } = "dataspace-protocol-http";

    /// <summary>Timeout of one HTTP attempt against EDC, in seconds (env <c>REQUEST_TIMEOUT</c>).</summary>
    [Range(0.1, 600)]
    public double RequestTimeoutSeconds { get; set; } = 5;

    /// <summary>Retries of transient EDC failures (connection errors, timeouts, 5xx, 429) per call.</summary>
    [Range(0, 10)]
    public int TransientRetries { get; set; } = 3;

    /// <summary>Base delay of the exponential backoff between transient retries, in milliseconds.</summary>
    [Range(1, 60_000)]
    public int TransientRetryDelayMs { get; set; } = 200;

    /// <summary>How long to wait for the transfer process to reach STARTED, in seconds.</summary>
    [Range(1, 3600)]
    public double StartTimeoutSeconds { get; set; } = 120;

    /// <summary>First delay between state polls; it doubles up to <see cref="StatePollMaxIntervalMs"/>.</summary>
    [Range(1, 60_000)]
    public int StatePollIntervalMs { get; set; } = 100;

    [Range(1, 60_000)]
    public int StatePollMaxIntervalMs { get; set; } = 2000;

    /// <summary>
    /// Overall deadline of one item, in seconds (env <c>ITEM_DEADLINE</c>): past it the item is FAILED
    /// (<c>ITEM_DEADLINE_EXCEEDED</c>) and its transfer terminated, whatever step it was in.
    /// </summary>
    [Range(1, 86_400)]
    public double ItemDeadlineSeconds { get; set; } = 600;

    /// <summary>How long to wait for a contract negotiation to reach FINALIZED, in seconds (env <c>NEGOTIATION_TIMEOUT</c>).</summary>
    [Range(1, 3600)]
    public double NegotiationTimeoutSeconds { get; set; } = 120;

    /// <summary>Retries of the EDR data address while EDC has not cached it yet (env <c>DATA_ADDRESS_MAX_RETRIES</c>).</summary>
    [Range(0, 100)]
    public int DataAddressMaxRetries { get; set; } = 3;

    /// <summary>First delay between data address retries; it doubles after each one.</summary>
    [Range(1, 60_000)]
    public int DataAddressRetryDelayMs { get; set; } = 500;

    /// <summary>How often a running download's progress (bytes_downloaded) is recorded, in milliseconds.</summary>
    [Range(50, 60_000)]
    public int ProgressIntervalMs { get; set; } = 1000;

    /// <summary>
    /// Times a download is tried again after a reset, a 5xx, a stall or a body cut short (env <c>DOWNLOAD_RETRIES</c>);
    /// each retry resumes where the last one stopped when the data plane serves ranges.
    /// </summary>
    [Range(0, 100)]
    public int DownloadRetries { get; set; } = 5;

    /// <summary>First delay before a download is tried again, in milliseconds; it doubles after each retry, up to 30 s.</summary>
    [Range(1, 60_000)]
    public int DownloadRetryDelayMs { get; set; } = 500;

    /// <summary>
    /// How long an item may wait for a consumer connector it cannot reach (connection refused, timeouts, 5xx after the
    /// retries, circuit open), in seconds from the first time it had to wait (env <c>EDC_UNAVAILABLE_TIMEOUT</c>). It
    /// waits as WAITING_FOR_CONNECTOR without holding a worker, then fails with EDC_UNAVAILABLE; never longer than
    /// ITEM_DEADLINE. 0 fails at once.
    /// </summary>
    [Range(0, 86_400)]
    public double EdcUnavailableTimeoutSeconds { get; set; } = 300;

    /// <summary>First wait of an item for its connector, in milliseconds; later waits grow with the time waited, up to 30 s.</summary>
    [Range(1, 60_000)]
    public int EdcUnavailableRetryDelayMs { get; set; } = 1000;

    /// <summary>A download fails when no byte arrives for this long, in seconds.</summary>
    [Range(1, 3600)]
    public double DownloadIdleTimeoutSeconds { get; set; } = 30;

    /// <summary><c>raw</c> sends the EDR token as is (EDC up to 0.18); <c>bearer</c> prefixes it with "Bearer ".</summary>
    [RegularExpression("^(raw|bearer)$", ErrorMessage = "DataPlaneTokenScheme must be 'raw' or 'bearer'.")]
    public string DataPlaneTokenScheme { get; set; } = "raw";

    /// <summary>
    /// Terminate the transfer process once its data is saved (env <c>TERMINATE_AFTER_DOWNLOAD</c>): a PULL transfer
    /// otherwise stays STARTED on both connectors forever, with its EDR still valid.
    /// </summary>
    public bool TerminateAfterDownload { get; set; } = true;

    /// <summary>EDR endpoint rewrites, <c>from=to</c> prefix pairs separated by commas (env <c>EDR_ENDPOINT_REWRITES</c>).</summary>
    public string? EndpointRewrites { get; set; }

    /// <summary><c>edr</c> or <c>dps</c> (env <c>EDC_DATA_FLOW</c>, see <see cref="DataFlowKinds"/>); <c>dps</c> speaks Management API v4.</summary>
    [RegularExpression("^(edr|dps)$", ErrorMessage = "DataFlow (EDC_DATA_FLOW) must be 'edr' or 'dps'.")]
    public string DataFlow { get; set; } = DataFlowKinds.Edr;

    /// <summary>The control plane's signaling API base for DPS callbacks when a prepare carried no callbackAddress (env <c>EDC_SIGNALING_URL</c>).</summary>
    public string? SignalingUrl { get; set; }

    /// <summary>Per-connector settings, matched by connector address prefix (see <see cref="ConnectorProfile"/>).</summary>
    public IList<ConnectorProfile> Connectors { get; set; } = [];

    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);

    public TimeSpan StartTimeout => TimeSpan.FromSeconds(StartTimeoutSeconds);

    public TimeSpan ItemDeadline => TimeSpan.FromSeconds(ItemDeadlineSeconds);

    public TimeSpan NegotiationTimeout => TimeSpan.FromSeconds(NegotiationTimeoutSeconds);

    public TimeSpan DownloadIdleTimeout => TimeSpan.FromSeconds(DownloadIdleTimeoutSeconds);

    public TimeSpan EdcUnavailableTimeout => TimeSpan.FromSeconds(EdcUnavailableTimeoutSeconds);

    public static bool IsManagementPath(string path) => System.Text.RegularExpressions.Regex.IsMatch(path, ManagementPathPattern);

    public static bool IsApiVersion(string version) => version is "v3" or "v4";

    /// <summary>The settings for one connector: the longest matching profile over the global values.</summary>
    public ConnectorSettings ForConnector(string connectorAddress) => ConnectorResolution.Resolve(this, connectorAddress);

    /// <summary>Whether any connector (the global setting or a profile) runs the DPS flow: only then is the service a data plane.</summary>
    public bool UsesDps => DataFlow == DataFlowKinds.Dps || Connectors.Any(c => c.DataFlow == DataFlowKinds.Dps);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!EndpointRewriteRules.TryParse(EndpointRewrites, out _, out var error))
        {
            yield return new ValidationResult($"EndpointRewrites: {error}", [nameof(EndpointRewrites)]);
        }

        if (SignalingUrl is not null && !ConnectorProfile.IsHttpUrl(SignalingUrl))
        {
            yield return new ValidationResult("SignalingUrl (EDC_SIGNALING_URL) must be an absolute http(s) URL.", [nameof(SignalingUrl)]);
        }

        // DataAnnotations does not descend into collections.
        foreach (var profile in Connectors)
        {
            foreach (var result in profile.Validate(new ValidationContext(profile)))
            {
                yield return result;
            }
        }
    }
}

