namespace DataOrchestrator.Application.Transfers;

/// <summary>The provider's data plane, reached with an EDR.</summary>
/// <remarks>Throws <see cref="DataPlaneException"/> when the data plane refuses or fails the download.</remarks>
public interface IDataPlaneClient
{
    /// <summary>Starts the download and returns as soon as the response headers arrived; the body is streamed.</summary>
    Task<DataPayload> OpenAsync(EndpointDataReference dataReference, CancellationToken cancellationToken);
}
