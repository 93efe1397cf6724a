using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Transfers;

/// <summary>
/// Writes an item's progress through the repository and counts it in the metrics: every save of an item, by a pipeline
/// step or a cancel, goes through here.
/// </summary>
public sealed class ItemRecorder(IOrchestrationRepository repository, OrchestratorMetrics metrics, TimeProvider timeProvider)
{
    /// <summary>Items outlive this process: one interrupted by shutdown is left to be resumed rather than recorded as failed.</summary>
    public bool KeepsWorkAcrossRestarts => repository.KeepsWorkAcrossRestarts;

    public DateTimeOffset Now => timeProvider.GetUtcNow();

    public Task<Orchestration?> FindAsync(Guid orchestrationId, CancellationToken cancellationToken) =>
        repository.FindAsync(orchestrationId, cancellationToken);

    public async Task<OrchestrationItem> SaveAsync(Guid orchestrationId, OrchestrationItem item, CancellationToken cancellationToken)
    {
        metrics.RecordItemSaved(item, await repository.SaveItemAsync(orchestrationId, item, cancellationToken));
        return item;
    }

    /// <summary>
    /// The item as stored: a step may have saved progress before it failed (a negotiation id, say), which a failure
    /// must keep — items sharing that negotiation find it there.
    /// </summary>
    public async Task<OrchestrationItem> LatestAsync(Guid orchestrationId, OrchestrationItem item) =>
        (await repository.FindAsync(orchestrationId, CancellationToken.None))?.Items[item.Index] ?? item;

    /// <summary>Records the stored item FAILED with <paramref name="error"/>, whatever the caller's token says.</summary>
    public async Task<OrchestrationItem> FailAsync(Guid orchestrationId, OrchestrationItem item, ItemError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        OrchestratorTracing.MarkFailed(error.Code);
        return await SaveAsync(orchestrationId, (await LatestAsync(orchestrationId, item)).Fail(error, Now), CancellationToken.None);
    }
}
