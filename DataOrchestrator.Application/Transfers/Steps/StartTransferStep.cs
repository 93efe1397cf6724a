using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Storage;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;

namespace DataOrchestrator.Application.Transfers.Steps;

/// <summary>
/// Starts the item's transfer process, or keeps the one it already has: a resumed item (after a crash or a takeover)
/// goes on with its transfer while EDC still has it and it has not ended, so no second transfer is started for it.
/// </summary>
public sealed class StartTransferStep(
    IEdcClient edcClient, TransferStarter starter, IDataStore dataStore, ItemRecorder recorder, ILogger<StartTransferStep> logger) : IPipelineStep
{
    public string Name => "start the transfer";

    public string Stage => PipelineStage.StartTransfer;

    public bool AppliesTo(OrchestrationItem item) => true;

    public async Task<OrchestrationItem> RunAsync(PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(item);
        if (item.TransferId is { } earlier)
        {
            // Files of the earlier attempt were never recorded, so they go.
            await dataStore.RemoveUnrecordedAsync(earlier, cancellationToken);
            if (await IsUsableAsync(run, earlier, cancellationToken))
            {
                return item;
            }
        }

        var transferId = await starter.StartAsync(run, item, cancellationToken);
        return await recorder.SaveAsync(run.OrchestrationId, item with { TransferId = transferId, Status = ItemStatus.TransferRequested }, cancellationToken);
    }

    private async Task<bool> IsUsableAsync(PipelineRun run, string transferId, CancellationToken cancellationToken)
    {
        try
        {
            var state = await edcClient.GetTransferStateAsync(run.Connection, transferId, cancellationToken);
            var usable = !TransferStates.IsFailure(state);
            PipelineLog.Resuming(logger, transferId, state, usable);
            return usable;
        }
        catch (EdcRequestRejectedException rejected)
        {
            PipelineLog.Resuming(logger, transferId, $"unknown to EDC ({rejected.StatusCode})", false);
            return false;
        }
    }
}
