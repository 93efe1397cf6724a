using Refit;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// EDC Management API v3, the calls of the consumer PULL flow. The management base URL differs per connector,
/// so each call carries it as a request property that <see cref="ManagementBaseUrlHandler"/> applies.
/// </summary>
internal interface IEdcManagementApi
{
    [Post("/v3/transferprocesses")]
    Task<IdResponseDto> StartTransferAsync(
        [Property(ManagementBaseUrlHandler.PropertyKey)] Uri managementBaseUrl,
        [Body] TransferRequestDto request,
        CancellationToken cancellationToken);

    [Get("/v3/transferprocesses/{id}/state")]
    Task<TransferStateDto> GetTransferStateAsync(
        [Property(ManagementBaseUrlHandler.PropertyKey)] Uri managementBaseUrl, string id, CancellationToken cancellationToken);

    [Get("/v3/transferprocesses/{id}")]
    Task<TransferProcessDto> GetTransferProcessAsync(
        [Property(ManagementBaseUrlHandler.PropertyKey)] Uri managementBaseUrl, string id, CancellationToken cancellationToken);

    [Post("/v3/transferprocesses/{id}/terminate")]
    Task TerminateTransferAsync(
        [Property(ManagementBaseUrlHandler.PropertyKey)] Uri managementBaseUrl,
        string id,
        [Body] TerminateTransferDto request,
        CancellationToken cancellationToken);

    [Get("/v3/edrs/{id}/dataaddress")]
    Task<IApiResponse<DataAddressDto>> GetDataAddressAsync(
        [Property(ManagementBaseUrlHandler.PropertyKey)] Uri managementBaseUrl, string id, CancellationToken cancellationToken);
}
