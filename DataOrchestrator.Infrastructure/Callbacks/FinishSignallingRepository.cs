using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Application.Orchestrations.Submit;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Infrastructure.Callbacks;

/// <summary>
/// The store as the rest of the service sees it: every item save passes here, so the one save that finishes an
/// orchestration (<see cref="ItemSaved.FinishedOrchestration"/>) wakes the callback dispatcher within milliseconds,
/// whichever code path saved it. Everything else is passed through.
/// </summary>
internal sealed class FinishSignallingRepository(IOrchestrationRepository inner, CallbackDispatcher dispatcher) : IOrchestrationRepository
{
    public bool KeepsWorkAcrossRestarts => inner.KeepsWorkAcrossRestarts;

    public Task AddAsync(Orchestration orchestration, CancellationToken cancellationToken) => inner.AddAsync(orchestration, cancellationToken);

    public Task<IdempotentAdd> AddIdempotentAsync(Orchestration orchestration, IdempotencyKey key, CancellationToken cancellationToken) =>
        inner.AddIdempotentAsync(orchestration, key, cancellationToken);

    public Task<Orchestration?> FindAsync(Guid id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

    public Task<OrchestrationPage> ListAsync(int limit, long? before, OrchestrationFilter filter, CancellationToken cancellationToken) =>
        inner.ListAsync(limit, before, filter, cancellationToken);

    public Task<OrchestrationSummary> SummarizeAsync(DateTimeOffset finishedFrom, DateTimeOffset finishedUntil, CancellationToken cancellationToken) =>
        inner.SummarizeAsync(finishedFrom, finishedUntil, cancellationToken);

    public async Task<ItemSaved> SaveItemAsync(Guid orchestrationId, OrchestrationItem item, CancellationToken cancellationToken)
    {
        var saved = await inner.SaveItemAsync(orchestrationId, item, cancellationToken);
        if (saved.FinishedOrchestration)
        {
            dispatcher.Wake();
        }

        return saved;
    }

    public Task<CancelRequest?> RequestCancelAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.RequestCancelAsync(id, now, cancellationToken);

    public Task<ItemsRetry?> RetryItemsAsync(Guid id, IReadOnlySet<int>? indexes, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.RetryItemsAsync(id, indexes, now, cancellationToken);

    public Task<IReadOnlyList<Orchestration>> FindDueForRemovalAsync(DateTimeOffset finishedBefore, int limit, CancellationToken cancellationToken) =>
        inner.FindDueForRemovalAsync(finishedBefore, limit, cancellationToken);

    public Task<int> RemoveAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset finishedBefore, CancellationToken cancellationToken) =>
        inner.RemoveAsync(ids, finishedBefore, cancellationToken);

    public Task<int> PurgeExpiredIdempotencyKeysAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        inner.PurgeExpiredIdempotencyKeysAsync(now, limit, cancellationToken);
}
