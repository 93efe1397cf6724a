using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.DataFlows;

/// <summary>The <see cref="IDataAddressSource"/> of the item's connector: its EDR cache, or the DPS started notification.</summary>
public sealed class DataAddressSources(EdrCacheDataAddressSource edr, SignalingDataAddressSource signaling) : IDataAddressSource
{
    public Task<EndpointDataReference> ObtainAsync(PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Connector.IsDps ? signaling.ObtainAsync(run, item, cancellationToken) : edr.ObtainAsync(run, item, cancellationToken);
    }
}
