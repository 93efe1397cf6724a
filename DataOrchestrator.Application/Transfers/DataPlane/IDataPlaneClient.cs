using DataOrchestrator.Application.Transfers.Edc;

namespace DataOrchestrator.Application.Transfers.DataPlane;

/// <summary>The provider's data plane, reached with an EDR.</summary>
/// <remarks>Throws <see cref="DataPlaneException"/> when the data plane refuses or fails the download.</remarks>
public interface IDataPlaneClient
{
    /// <summary>Starts the download and returns as soon as the response headers arrived; the body is streamed.</summary>
    /// <param name="dataReference">The EDR: endpoint and token.</param>
    /// <param name="bearer">Send the token as <c>Bearer &lt;token&gt;</c> instead of the raw token EDC up to 0.18 wants.</param>
    /// <param name="from">Where a broken download stopped; the answer's <see cref="DataPayload.StartsAt"/> says whether the data plane resumed there.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    Task<DataPayload> OpenAsync(EndpointDataReference dataReference, bool bearer, ResumeFrom? from, CancellationToken cancellationToken);
}
