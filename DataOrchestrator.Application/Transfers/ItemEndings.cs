using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers;

/// <summary>
/// Records how an item's run ended when it did not simply go on: stopped by shutdown, cancelled by the client, past its
/// deadline, or failed; and terminates the transfer where the ending calls for it.
/// </summary>
public sealed class ItemEndings(
    ItemRecorder recorder, TransferClosing closing, ConnectorOutage outage, IOptions<TransferOptions> options, ILogger<ItemEndings> logger)
{
    /// <summary>
    /// The service is stopping. A durable store keeps the item as far as it got, to be resumed after the restart (or by
    /// another instance); in memory it would be lost, so it is recorded FAILED with code CANCELLED.
    /// </summary>
    public async Task StoppedByShutdownAsync(PipelineRun run, OrchestrationItem item, string step)
    {
        ArgumentNullException.ThrowIfNull(run);
        PipelineLog.Cancelled(logger, step);
        if (!recorder.KeepsWorkAcrossRestarts)
        {
            await recorder.FailAsync(run.OrchestrationId, item, ItemError.Of(ItemErrorCodes.Cancelled, $"The service stopped while trying to {step}."));
        }
    }

    /// <summary>
    /// The client cancelled the orchestration: the transfer the item started is terminated on the connector, then the
    /// item is recorded CANCELLED (unless it finished meanwhile), so a client that sees CANCELLED knows the transfer
    /// was terminated. Whatever it was downloading was removed by the data store.
    /// </summary>
    public async Task CancelledByClientAsync(PipelineRun run, OrchestrationItem item, string step, CancellationToken shutdown)
    {
        ArgumentNullException.ThrowIfNull(run);
        PipelineLog.CancelledByClient(logger, step);
        try
        {
            item = await recorder.LatestAsync(run.OrchestrationId, item);
            if (item.IsFinished)
            {
                return;
            }

            // A reused EDR's transfer is not this item's alone (REUSE_EDRS): it stays.
            if (!item.EdrReused && (item.TransferId ?? run.StartedTransferId) is { } transferId)
            {
                await closing.TerminateAsync(run.Connection, transferId, TransferTerminator.CancelReason, shutdown);
            }

            var reason = ItemError.Of(ItemErrorCodes.Cancelled, $"Cancelled by the client while trying to {step}.");
            OrchestratorTracing.MarkFailed(reason.Code);
            await recorder.SaveAsync(run.OrchestrationId, item.Cancel(reason, recorder.Now), CancellationToken.None);
        }
        catch (Exception exception) when (exception is LeaseLostException or StoreUnavailableException)
        {
            // Another instance owns the item now, or the store is away: whoever runs it next finds the cancel stored.
            PipelineLog.TakenOver(logger, step, exception.Message);
        }
    }

    /// <summary>The item ran past ITEM_DEADLINE: it fails, and the transfer it started is terminated.</summary>
    public async Task DeadlineExceededAsync(PipelineRun run, OrchestrationItem item, string step, CancellationToken shutdown)
    {
        ArgumentNullException.ThrowIfNull(run);
        var error = ItemError.Of(
            ItemErrorCodes.ItemDeadlineExceeded,
            $"The item did not finish within its deadline of {options.Value.ItemDeadline.TotalSeconds:0.###} s (while trying to {step}).");
        PipelineLog.Failed(logger, step, error.Code, error.Message);
        item = await recorder.FailAsync(run.OrchestrationId, item, error);
        if (!item.EdrReused && item.TransferId is { } unfinished)
        {
            await closing.TerminateAsync(run.Connection, unfinished, TransferTerminator.DeadlineReason, shutdown);
        }
    }

    /// <summary>
    /// A step threw. Losing the item's lease or the store is not the item's failure, and recording it as one would stick
    /// once the store is back: the item stays as far as it got and is resumed. An unreachable connector makes the item
    /// wait for it (<see cref="ConnectorOutage"/>). Anything else fails the item.
    /// </summary>
    public async Task<ItemRunResult> FailedAsync(PipelineRun run, OrchestrationItem item, string step, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (exception is LeaseLostException or StoreUnavailableException)
        {
            PipelineLog.TakenOver(logger, step, exception.Message);
            return ItemRunResult.Done;
        }

        if (exception is EdcUnavailableException unavailable)
        {
            return await outage.WaitOrFailAsync(run, item, step, unavailable);
        }

        var error = PipelineErrors.Describe(exception, step);
        if (error is null)
        {
            PipelineLog.Unexpected(logger, exception, step);
            error = ItemError.Of(ItemErrorCodes.InternalError, $"Internal error while trying to {step}.");
        }
        else
        {
            PipelineLog.Failed(logger, step, error.Code, error.Message);
        }

        item = await recorder.FailAsync(run.OrchestrationId, item, error);
        await closing.FailedAsync(run, item, error, CancellationToken.None);
        return ItemRunResult.Done;
    }

    /// <summary>The item is SAVED: the connector is told (<see cref="TransferClosing.SavedAsync"/>), best effort.</summary>
    public async Task SavedAsync(PipelineRun run, OrchestrationItem item, CancellationToken shutdown)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(item);
        if (item.Status == ItemStatus.Saved)
        {
            await closing.SavedAsync(run, item.TransferId!, shutdown);
        }
    }
}
