using System.Text.Json;
using System.Text.Json.Nodes;
using DataOrchestrator.Application.Transfers.Edc;
using Refit;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// EDC Management API, the calls of contract negotiation and the consumer PULL flow, in v3 or v4 (the
/// <c>version</c> path segment). The management base URL differs per connector, so each call carries its
/// <see cref="EdcConnection"/> as a request property that <see cref="EdcConnectionHandler"/> applies.
/// </summary>
internal interface IEdcManagementApi
{
    /// <summary>The answer is JSON-LD whose shape differs by version and connector; <see cref="CatalogAnswers"/> reads it.</summary>
    [Post("/{version}/catalog/dataset/request")]
    Task<JsonElement> GetDatasetAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection, string version, [Body] JsonObject request, CancellationToken cancellationToken);

    [Post("/{version}/contractagreements/request")]
    Task<JsonElement> QueryAgreementsAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection, string version, [Body] TransferQueryDto query, CancellationToken cancellationToken);

    /// <summary>Tractus-X EDC's EDR cache (EDC 0.17/0.18 have no <c>/v4/edrs</c>).</summary>
    [Post("/{version}/edrs/request")]
    Task<JsonElement> QueryEdrsAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection, string version, [Body] TransferQueryDto query, CancellationToken cancellationToken);

    [Post("/{version}/contractnegotiations")]
    Task<IdResponseDto> StartNegotiationAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection,
        string version,
        [Body] ContractRequestDto request,
        CancellationToken cancellationToken);

    [Get("/{version}/contractnegotiations/{id}/state")]
    Task<TransferStateDto> GetNegotiationStateAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection, string version, string id, CancellationToken cancellationToken);

    [Get("/{version}/contractnegotiations/{id}")]
    Task<ContractNegotiationDto> GetNegotiationAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection, string version, string id, CancellationToken cancellationToken);

    [Post("/{version}/transferprocesses")]
    Task<IdResponseDto> StartTransferAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection,
        string version,
        [Body] TransferRequestDto request,
        CancellationToken cancellationToken);

    [Post("/{version}/transferprocesses/request")]
    Task<List<TransferProcessDto>> QueryTransfersAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection,
        string version,
        [Body] TransferQueryDto query,
        CancellationToken cancellationToken);

    [Get("/{version}/transferprocesses/{id}/state")]
    Task<TransferStateDto> GetTransferStateAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection, string version, string id, CancellationToken cancellationToken);

    [Get("/{version}/transferprocesses/{id}")]
    Task<TransferProcessDto> GetTransferProcessAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection, string version, string id, CancellationToken cancellationToken);

    [Post("/{version}/transferprocesses/{id}/terminate")]
    Task TerminateTransferAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection,
        string version,
        string id,
        [Body] TerminateTransferDto request,
        CancellationToken cancellationToken);

    /// <summary>DPS: registers the service as a data plane; EDC answers 200 with an empty body.</summary>
    [Put("/v4/dataplanes")]
    Task RegisterDataPlaneAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection, [Body] DataPlaneRegistrationDto registration, CancellationToken cancellationToken);

    /// <summary><c>auto_refresh=true</c> is Tractus-X EDC's: it refreshes an expired token before answering.</summary>
    [Get("/{version}/edrs/{id}/dataaddress")]
    Task<IApiResponse<DataAddressDto>> GetDataAddressAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection,
        string version,
        string id,
        [AliasAs("auto_refresh")] string? autoRefresh,
        CancellationToken cancellationToken);

    /// <summary>Tractus-X EDC: refresh the EDR's token now.</summary>
    [Post("/{version}/edrs/{id}/refresh")]
    Task<DataAddressDto> RefreshDataAddressAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection, string version, string id, CancellationToken cancellationToken);
}
