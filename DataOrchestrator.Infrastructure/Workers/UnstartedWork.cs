using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Workers;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;

namespace DataOrchestrator.Infrastructure.Workers;

/// <summary>
/// At shutdown, the items taken for this instance that never started (queued, or back from waiting for their
/// connector): a store that keeps work across restarts gets them back to be taken by another instance or after the
/// restart; in memory they would be lost, so they are recorded FAILED with code CANCELLED and none is left looking in
/// progress.
/// </summary>
internal sealed class UnstartedWork(IOrchestrationRepository repository, OrchestratorMetrics metrics, TimeProvider timeProvider, ILogger<UnstartedWork> logger)
{
    public async Task HandOverAsync(IWorkSource queue)
    {
        var unstarted = new List<ItemWork>();
        while (queue.Reader.TryRead(out var work))
        {
            queue.MarkTaken();
            unstarted.Add(work);
        }

        if (repository.KeepsWorkAcrossRestarts)
        {
            await queue.ReturnUnstartedAsync(unstarted);
            return;
        }

        var count = 0;
        foreach (var work in unstarted)
        {
            var orchestration = await repository.FindAsync(work.OrchestrationId, CancellationToken.None);
            if (orchestration?.Items[work.ItemIndex] is { IsFinished: false } item)
            {
                var error = ItemError.Of(ItemErrorCodes.Cancelled, "The service stopped before the item started.");
                var cancelled = item.Fail(error, timeProvider.GetUtcNow());
                metrics.RecordItemSaved(cancelled, await repository.SaveItemAsync(work.OrchestrationId, cancelled, CancellationToken.None));
                count++;
            }
        }

        if (count > 0)
        {
            logger.LogWarning("{Count} queued items were not started before shutdown and are recorded as cancelled", count);
        }
    }
}
