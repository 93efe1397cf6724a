using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Transfers;

/// <summary>
/// How a started transfer's data address (endpoint and token of the provider's data plane) is obtained: today from the
/// consumer connector's EDR cache (<see cref="Edc.EdrCacheDataAddressSource"/>).
/// </summary>
public interface IDataAddressSource
{
    /// <summary>The address of the item's started transfer; throws <see cref="ItemFailedException"/> when there is none.</summary>
    Task<EndpointDataReference> ObtainAsync(PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken);
}
