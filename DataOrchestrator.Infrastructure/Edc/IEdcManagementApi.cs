using DataOrchestrator.Application.Transfers;
using Refit;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// EDC Management API v3, the calls of the consumer PULL flow. The management base URL differs per connector,
/// so each call carries its <see cref="EdcConnection"/> as a request property that <see cref="EdcConnectionHandler"/> applies.
/// </summary>
internal interface IEdcManagementApi
{
    [Post("/v3/transferprocesses")]
    Task<IdResponseDto> StartTransferAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection,
        [Body] TransferRequestDto request,
        CancellationToken cancellationToken);

    [Get("/v3/transferprocesses/{id}/state")]
    Task<TransferStateDto> GetTransferStateAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection, string id, CancellationToken cancellationToken);

    [Get("/v3/transferprocesses/{id}")]
    Task<TransferProcessDto> GetTransferProcessAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection, string id, CancellationToken cancellationToken);

    [Post("/v3/transferprocesses/{id}/terminate")]
    Task TerminateTransferAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection,
        string id,
        [Body] TerminateTransferDto request,
        CancellationToken cancellationToken);

    [Get("/v3/edrs/{id}/dataaddress")]
    Task<IApiResponse<DataAddressDto>> GetDataAddressAsync(
        [Property(EdcConnectionHandler.PropertyKey)] EdcConnection connection, string id, CancellationToken cancellationToken);
}
