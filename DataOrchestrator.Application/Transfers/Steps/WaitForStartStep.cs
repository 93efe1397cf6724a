using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;

namespace DataOrchestrator.Application.Transfers.Steps;

/// <summary>
/// Waits until the item's transfer process is STARTED; a transfer that ends or never starts fails the item. DPS: a
/// transfer that ended with "No dataplane found" makes the service register again and start a new transfer, once.
/// </summary>
public sealed class WaitForStartStep(
    TransferStartWait wait, KeyedTransferStart start, DataPlaneRegistrar registrar, ItemRecorder recorder, ILogger<WaitForStartStep> logger) : IPipelineStep
{
    public string Name => "wait for the transfer to start";

    public string Stage => PipelineStage.WaitStarted;

    public bool AppliesTo(OrchestrationItem item) => true;

    public async Task<OrchestrationItem> RunAsync(PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            await wait.WaitAsync(run, item.TransferId!, cancellationToken);
        }
        catch (ItemFailedException failed) when (run.Connector.IsDps && !run.DataPlaneRenewed && TransferStartWait.IsNoDataPlane(failed))
        {
            run.DataPlaneRenewed = true;
            DataFlowLog.NoDataPlane(logger, item.TransferId!);
            run.DataPlaneRegistration = await registrar.RenewAsync(run.Connection, run.DataPlaneRegistration, cancellationToken);
            item = await start.StartNewAsync(run, item, cancellationToken);
            await wait.WaitAsync(run, item.TransferId!, cancellationToken);
        }

        PipelineLog.TransferStarted(logger, item.TransferId!);
        return await recorder.SaveAsync(run.OrchestrationId, item with { Status = ItemStatus.TransferStarted }, cancellationToken);
    }
}
