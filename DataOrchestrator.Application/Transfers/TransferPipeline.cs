using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Application.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers;

/// <summary>
/// The consumer PULL flow for one item: runs the <see cref="IPipelineStep"/>s in order (negotiate, start the transfer,
/// wait for STARTED, obtain the data address, download and save), timing each, under the item's deadline and its
/// orchestration's cancel; <see cref="ItemEndings"/> records how a run that did not get through ended.
/// </summary>
public sealed class TransferPipeline(
    ItemRecorder recorder,
    IEnumerable<IPipelineStep> steps,
    ItemEndings endings,
    RunningOrchestrations running,
    OrchestratorMetrics metrics,
    IOptions<TransferOptions> options,
    TimeProvider timeProvider,
    ILogger<TransferPipeline> logger) : ITransferPipeline
{
    private readonly TransferOptions _options = options.Value;
    private readonly IPipelineStep[] _steps = [.. steps];

    public async Task<ItemRunResult> RunAsync(ItemWork work, CancellationToken cancellationToken)
    {
        // Tracked before the read: a cancel either finds this item running, or it was stored before the read below.
        using var watch = running.Track(work.OrchestrationId);
        var orchestration = await recorder.FindAsync(work.OrchestrationId, cancellationToken);
        if (orchestration is null || work.ItemIndex >= orchestration.Items.Count)
        {
            PipelineLog.ItemGone(logger, work.ItemIndex, work.OrchestrationId);
            return ItemRunResult.Done;
        }

        var item = orchestration.Items[work.ItemIndex];
        if (item.IsFinished)
        {
            return ItemRunResult.Done;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["OrchestrationId"] = work.OrchestrationId, ["ItemIndex"] = work.ItemIndex });
        var run = new PipelineRun(work.OrchestrationId, _options.ForConnector(orchestration.ConnectorAddress));

        // The item's own deadline and its orchestration's cancel, on top of shutdown: whatever step it is in, it ends then.
        using var deadline = new CancellationTokenSource(_options.ItemDeadline, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token, watch.Token);
        var step = "start";
        try
        {
            if (orchestration.CancelRequestedAt is not null)
            {
                throw new OrchestrationCancelledException($"Orchestration {work.OrchestrationId} was cancelled.");
            }

            item = await recorder.SaveAsync(run.OrchestrationId, item with { Attempts = item.Attempts + 1, StartedAt = recorder.Now, Error = null, NextAttemptAt = null }, cancellationToken);
            IDisposable? transferScope = null;
            try
            {
                foreach (var next in _steps)
                {
                    if (!next.AppliesTo(item))
                    {
                        continue;
                    }

                    step = next.Name;
                    item = await metrics.TimeStageAsync(next.Stage, () => next.RunAsync(run, item, linked.Token));
                    transferScope ??= item.TransferId is { } transferId ? logger.BeginScope(new Dictionary<string, object> { ["TransferId"] = transferId }) : null;
                }
            }
            finally
            {
                transferScope?.Dispose();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await endings.StoppedByShutdownAsync(run, item, step);
            throw;
        }
        catch (Exception exception) when (watch.Token.IsCancellationRequested || exception is OrchestrationCancelledException)
        {
            await endings.CancelledByClientAsync(run, item, step, cancellationToken);
            return ItemRunResult.Done;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            await endings.DeadlineExceededAsync(run, item, step, cancellationToken);
            return ItemRunResult.Done;
        }
        catch (Exception exception)
        {
            return await endings.FailedAsync(run, item, step, exception);
        }

        await endings.SavedAsync(run, item, cancellationToken);
        return ItemRunResult.Done;
    }
}
