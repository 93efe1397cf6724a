using DataOrchestrator.Application.Observability;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Transfers.Steps;

/// <summary>Obtains the started transfer's data address from the <see cref="IDataAddressSource"/> and keeps it for the download.</summary>
public sealed class DataAddressStep(IDataAddressSource source, ItemRecorder recorder) : IPipelineStep
{
    public string Name => "retrieve the EDR data address";

    public string Stage => PipelineStage.RetrieveEdr;

    public bool AppliesTo(OrchestrationItem item) => true;

    public async Task<OrchestrationItem> RunAsync(PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.DataReference = await source.ObtainAsync(run, item, cancellationToken);
        return await recorder.SaveAsync(run.OrchestrationId, item with { Status = ItemStatus.DataAddressRetrieved }, cancellationToken);
    }
}
