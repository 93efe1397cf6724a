using DataOrchestrator.Application.Transfers.Catalog;
using DataOrchestrator.Application.Transfers.Negotiation;

namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>The consumer connector's Management API, as far as the pipeline needs it.</summary>
/// <remarks>
/// Implementations throw <see cref="EdcRequestRejectedException"/> when EDC refuses a request (4xx)
/// and <see cref="EdcUnavailableException"/> when it cannot be reached after transient retries.
/// The connection says which API version (v3 or v4) to speak.
/// </remarks>
public interface IEdcClient
{
    /// <summary>
    /// The provider's dataset (<c>POST /{v3|v4}/catalog/dataset/request</c>); throws
    /// <see cref="CatalogRequestFailedException"/> when the connector relays the provider's refusal (EDC's 502).
    /// </summary>
    Task<CatalogDataset> GetDatasetAsync(EdcConnection connection, DatasetRequest request, CancellationToken cancellationToken);

    /// <summary>The contract agreements the connector holds for an asset of a provider (<c>POST /{v3|v4}/contractagreements/request</c>).</summary>
    Task<IReadOnlyList<HeldAgreement>> QueryAgreementsAsync(EdcConnection connection, string assetId, string providerId, CancellationToken cancellationToken);

    /// <summary>Tractus-X EDC: the EDR cache's entries for an agreement (and asset, when known) (<c>POST /v3/edrs/request</c>), newest first.</summary>
    Task<IReadOnlyList<HeldEdr>> QueryEdrsAsync(EdcConnection connection, string agreementId, string? assetId, CancellationToken cancellationToken);

    /// <summary>Starts a contract negotiation for an offer and returns its id.</summary>
    Task<string> StartNegotiationAsync(EdcConnection connection, NegotiationStartRequest request, CancellationToken cancellationToken);

    /// <summary>The negotiation's current state name, e.g. <c>REQUESTED</c> or <c>FINALIZED</c>.</summary>
    Task<string> GetNegotiationStateAsync(EdcConnection connection, string negotiationId, CancellationToken cancellationToken);

    /// <summary>The negotiation's agreement id (once FINALIZED) and error detail (once TERMINATED).</summary>
    Task<NegotiationOutcome> GetNegotiationAsync(EdcConnection connection, string negotiationId, CancellationToken cancellationToken);

    /// <summary>Starts a PULL transfer process and returns its id.</summary>
    Task<string> StartTransferAsync(EdcConnection connection, TransferStartRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The transfer process a start with <paramref name="attemptKey"/> created for <paramref name="contractId"/>, or null
    /// when the connector has none (EDC filters on the key: it never returns private properties).
    /// </summary>
    Task<string?> FindTransferAsync(EdcConnection connection, string contractId, string attemptKey, CancellationToken cancellationToken);

    /// <summary>The transfer process's current state name, e.g. <c>REQUESTED</c> or <c>STARTED</c>.</summary>
    Task<string> GetTransferStateAsync(EdcConnection connection, string transferId, CancellationToken cancellationToken);

    /// <summary>The transfer process's <c>errorDetail</c>, when EDC has one.</summary>
    Task<string?> GetTransferErrorDetailAsync(EdcConnection connection, string transferId, CancellationToken cancellationToken);

    /// <summary>Ends a transfer process (EDC answers 409 when it has ended already); EDC then deletes its EDR.</summary>
    Task TerminateTransferAsync(EdcConnection connection, string transferId, string reason, CancellationToken cancellationToken);

    /// <summary>
    /// The EDR data address, or null while EDC has not cached it yet (its 404). With <paramref name="autoRefresh"/>
    /// Tractus-X EDC refreshes an expired token before answering.
    /// </summary>
    Task<EndpointDataReference?> GetDataAddressAsync(EdcConnection connection, string transferId, bool autoRefresh, CancellationToken cancellationToken);

    /// <summary>Registers (or replaces) the service as a data plane of the connector (<c>PUT /v4/dataplanes</c>).</summary>
    Task RegisterDataPlaneAsync(EdcConnection connection, DataPlaneRegistration registration, CancellationToken cancellationToken);

    /// <summary>Tractus-X EDC: refreshes the EDR's token now (<c>POST /v3/edrs/{id}/refresh</c>) and returns the new data address.</summary>
    Task<EndpointDataReference> RefreshDataAddressAsync(EdcConnection connection, string transferId, CancellationToken cancellationToken);
}
