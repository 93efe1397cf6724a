namespace DataOrchestrator.Application.Transfers;

/// <summary>The consumer connector's Management API, as far as the PULL pipeline needs it.</summary>
/// <remarks>
/// Implementations throw <see cref="EdcRequestRejectedException"/> when EDC refuses a request (4xx)
/// and <see cref="EdcUnavailableException"/> when it cannot be reached after transient retries.
/// </remarks>
public interface IEdcClient
{
    /// <summary>Starts a PULL transfer process and returns its id.</summary>
    Task<string> StartTransferAsync(EdcConnection connection, TransferStartRequest request, CancellationToken cancellationToken);

    /// <summary>The transfer process's current state name, e.g. <c>REQUESTED</c> or <c>STARTED</c>.</summary>
    Task<string> GetTransferStateAsync(EdcConnection connection, string transferId, CancellationToken cancellationToken);

    /// <summary>The transfer process's <c>errorDetail</c>, when EDC has one.</summary>
    Task<string?> GetTransferErrorDetailAsync(EdcConnection connection, string transferId, CancellationToken cancellationToken);

    /// <summary>Ends a transfer process (EDC answers 409 when it has ended already); EDC then deletes its EDR.</summary>
    Task TerminateTransferAsync(EdcConnection connection, string transferId, string reason, CancellationToken cancellationToken);

    /// <summary>The EDR data address, or null while EDC has not cached it yet (its 404).</summary>
    Task<EndpointDataReference?> GetDataAddressAsync(EdcConnection connection, string transferId, CancellationToken cancellationToken);
}
