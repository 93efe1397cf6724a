using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers;

/// <summary>
/// An item whose consumer connector cannot be reached (connection refused, timeouts or 5xx past the HTTP retries, its
/// circuit open) waits for it instead of failing: it is recorded WAITING_FOR_CONNECTOR and run again later, from where
/// it stopped, holding no worker meanwhile. The wait grows with the time waited (from EDC_UNAVAILABLE_RETRY_DELAY up to
/// 30 s, with jitter); once EDC_UNAVAILABLE_TIMEOUT (or ITEM_DEADLINE, if shorter) has passed since the item first had
/// to wait, it fails with EDC_UNAVAILABLE.
/// </summary>
public sealed class ConnectorOutage(ItemRecorder recorder, OrchestratorMetrics metrics, IOptions<TransferOptions> options, ILogger<ConnectorOutage> logger)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public async Task<ItemRunResult> WaitOrFailAsync(PipelineRun run, OrchestrationItem item, string step, EdcUnavailableException unavailable)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(unavailable);
        item = await recorder.LatestAsync(run.OrchestrationId, item);
        var now = recorder.Now;
        var waited = now - (item.WaitingSince ?? now);
        var error = PipelineErrors.Describe(unavailable, step)!;
        if (NextDelay(waited) is not { } delay)
        {
            var gaveUp = item.WaitingSince is null ? error : error with
            {
                Message = $"{error.Message} (the connector could not be reached for {waited.TotalSeconds:0} s; EDC_UNAVAILABLE_TIMEOUT)",
            };
            PipelineLog.Failed(logger, step, gaveUp.Code, gaveUp.Message);
            await recorder.FailAsync(run.OrchestrationId, item, gaveUp);
            return ItemRunResult.Done;
        }

        var waiting = error with { Message = $"Waiting for the connector: {error.Message}" };
        await recorder.SaveAsync(run.OrchestrationId, item.WaitForConnector(waiting, now, now + delay), CancellationToken.None);
        metrics.RecordRetry(RetryKind.ConnectorWait);
        PipelineLog.WaitingForConnector(logger, step, delay, unavailable.Message);
        return ItemRunResult.RetryIn(delay);
    }

    /// <summary>The wait before the next attempt, or null when the item has waited long enough.</summary>
    private TimeSpan? NextDelay(TimeSpan waited)
    {
        var settings = options.Value;
        var limit = settings.EdcUnavailableTimeout < settings.ItemDeadline ? settings.EdcUnavailableTimeout : settings.ItemDeadline;
        var left = limit - waited;
        if (left <= TimeSpan.Zero)
        {
            return null;
        }

        var first = TimeSpan.FromMilliseconds(settings.EdcUnavailableRetryDelayMs);
        var delay = (waited < first ? first : waited > MaxDelay ? MaxDelay : waited) * (0.8 + (0.4 * Random.Shared.NextDouble()));
        return delay < left ? delay : left;
    }
}
