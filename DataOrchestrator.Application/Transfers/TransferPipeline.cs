using System.Diagnostics;
using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Application.Workers;
using DataOrchestrator.Domain.Orchestrations;
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

        using var activity = StartItemActivity(work, orchestration.ConnectorAddress);
        using var scope = logger.BeginScope(ScopeOf(work, activity));
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
                    item = await RunStepAsync(next, run, item, linked.Token);
                    if (transferScope is null && item.TransferId is { } transferId)
                    {
                        transferScope = logger.BeginScope(new Dictionary<string, object> { ["TransferId"] = transferId });
                        activity?.SetTag(OrchestratorTracing.TransferIdTag, transferId);
                    }
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

    private static Activity? StartItemActivity(ItemWork work, string connectorAddress)
    {
        var activity = OrchestratorTracing.Source.StartActivity(OrchestratorTracing.ItemSpan, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(OrchestratorTracing.OrchestrationIdTag, work.OrchestrationId.ToString());
            activity.SetTag(OrchestratorTracing.ItemIndexTag, work.ItemIndex);
            activity.SetTag(OrchestratorTracing.ConnectorHostTag, OrchestratorTracing.HostOf(connectorAddress));
        }

        return activity;
    }

    /// <summary>The item's log scope; with its trace id when the run is traced, so a log line leads to its trace.</summary>
    private static Dictionary<string, object> ScopeOf(ItemWork work, Activity? activity)
    {
        var scope = new Dictionary<string, object> { ["OrchestrationId"] = work.OrchestrationId, ["ItemIndex"] = work.ItemIndex };
        if (activity is not null)
        {
            scope["TraceId"] = activity.TraceId.ToHexString();
        }

        return scope;
    }

    /// <summary>One step, timed (stage duration metric) and traced (a child span of the item's, named after its stage).</summary>
    private async Task<OrchestrationItem> RunStepAsync(IPipelineStep step, PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken)
    {
        using var activity = OrchestratorTracing.Source.StartActivity(step.Stage);
        try
        {
            var result = await metrics.TimeStageAsync(step.Stage, () => step.RunAsync(run, item, cancellationToken));
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(OrchestratorTracing.TransferIdTag, result.TransferId);
                if (step.Stage == PipelineStage.Download && result.Bytes is { } bytes)
                {
                    activity.SetTag(OrchestratorTracing.BytesTag, bytes);
                }
            }

            return result;
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
    }
}
