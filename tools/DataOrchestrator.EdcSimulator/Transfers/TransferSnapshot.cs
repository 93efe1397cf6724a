namespace DataOrchestrator.EdcSimulator.Transfers;

/// <summary>What the simulator recorded about one transfer process, for assertions in tests.</summary>
/// <param name="Id">Transfer process id.</param>
/// <param name="ContractId">contractId from the request.</param>
/// <param name="CounterPartyAddress">counterPartyAddress from the request.</param>
/// <param name="Protocol">protocol from the request (v4: protocol or profile).</param>
/// <param name="TransferType">transferType from the request.</param>
/// <param name="ConnectorId">connectorId from the request, if sent.</param>
/// <param name="DataDestinationJson">dataDestination as echoed by the API (with <c>@type</c>).</param>
/// <param name="CreatedAt">When the process was created.</param>
/// <param name="State">State at the time of the snapshot.</param>
/// <param name="ErrorDetail">errorDetail at the time of the snapshot.</param>
/// <param name="EdrToken">The token the data plane currently accepts for this transfer (the latest refreshed one).</param>
/// <param name="TerminationReason">Reason given to the terminate call; null when not terminated by a client.</param>
/// <param name="ApiVersion">Management API version the process was created through: "v3" or "v4".</param>
/// <param name="RefreshCount">How many times the EDR token was refreshed (POST /v3/edrs/{id}/refresh).</param>
/// <param name="MaxConcurrentRefreshes">The most refresh calls of this transfer that were ever in flight at once.</param>
/// <param name="PrivateProperties">
/// privateProperties from the request, keys expanded to IRIs. Like EDC, the Management API never answers them; a query
/// can filter on them (<c>privateProperties.'&lt;iri&gt;'</c>).
/// </param>
public sealed record TransferSnapshot(
    string Id,
    string ContractId,
    string CounterPartyAddress,
    string Protocol,
    string TransferType,
    string? ConnectorId,
    string DataDestinationJson,
    DateTimeOffset CreatedAt,
    string State,
    string? ErrorDetail,
    string EdrToken,
    string? TerminationReason,
    string ApiVersion,
    int RefreshCount,
    int MaxConcurrentRefreshes,
    IReadOnlyDictionary<string, string> PrivateProperties);
