namespace DataOrchestrator.EdcSimulator.Calls;

/// <summary>
/// One request the simulator answered. Header values are never stored, only whether they were sent,
/// so the log can be shared without leaking API keys or EDR tokens.
/// </summary>
/// <param name="Sequence">Monotonic number; orders calls that share a timestamp.</param>
/// <param name="Timestamp">When the request arrived.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path without query string.</param>
/// <param name="StatusCode">Status code returned.</param>
/// <param name="ContractId">Contract agreement id, when the call concerned one.</param>
/// <param name="TransferId">Transfer process id, when the call concerned one.</param>
/// <param name="HasApiKeyHeader">Whether an X-Api-Key header was present.</param>
/// <param name="HasAuthorizationHeader">Whether an Authorization header was present.</param>
/// <param name="DurationMs">Time spent answering, including simulated latency and streaming.</param>
/// <param name="Aborted">Whether the client aborted the request before it completed.</param>
/// <param name="OfferId">Offer id (policy <c>@id</c>), when the call concerned a contract negotiation.</param>
/// <param name="NegotiationId">Contract negotiation id, when the call concerned one.</param>
/// <param name="Query">The query string, with its leading '?', or empty.</param>
/// <param name="Fault">
/// The injected fault (a <c>FaultKind</c> name) that broke the call, or null. A broken connection shows here even
/// when <paramref name="Aborted"/> is still false: Kestrel signals an abort to the app only after the call returns.
/// </param>
/// <param name="AssetId">The asset a dataset request (or an agreement or EDR query's assetId filter) concerned, or null.</param>
/// <param name="HasTraceparentHeader">Whether a W3C <c>traceparent</c> header was present (the caller traced the call).</param>
public sealed record RecordedCall(
    long Sequence,
    DateTimeOffset Timestamp,
    string Method,
    string Path,
    int StatusCode,
    string? ContractId,
    string? TransferId,
    bool HasApiKeyHeader,
    bool HasAuthorizationHeader,
    double DurationMs,
    bool Aborted,
    string? OfferId,
    string? NegotiationId,
    string Query,
    string? Fault = null,
    string? AssetId = null,
    bool HasTraceparentHeader = false);
