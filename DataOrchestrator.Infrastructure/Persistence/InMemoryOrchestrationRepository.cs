using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Application.Orchestrations.Submit;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Infrastructure.Persistence;

/// <summary>
/// The default store: immutable orchestration snapshots (<see cref="InMemoryEntry"/>) found through
/// <see cref="InMemoryIndex"/>. An item update swaps in a new snapshot under the entry's lock. Callback delivery state
/// lives in the same snapshots (<see cref="InMemoryCallbacks"/>).
/// </summary>
internal sealed class InMemoryOrchestrationRepository(TimeProvider timeProvider) : IOrchestrationRepository, ICallbackStore
{
    private readonly InMemoryIndex _index = new();
    private readonly InMemoryCallbacks _callbacks = new();

    public bool KeepsWorkAcrossRestarts => false;

    public Task AddAsync(Orchestration orchestration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        _callbacks.Track(_index.Add(orchestration));
        return Task.CompletedTask;
    }

    public async Task<IdempotentAdd> AddIdempotentAsync(Orchestration orchestration, IdempotencyKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        ArgumentNullException.ThrowIfNull(key);
        if (_index.TryClaimKey(key, orchestration.Id, timeProvider.GetUtcNow()) is { } existing)
        {
            return existing;
        }

        await AddAsync(orchestration, cancellationToken);
        return new IdempotentAdd(orchestration.Id, Created: true, SameRequest: true);
    }

    public Task<Orchestration?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(_index.TryGet(id, out var entry) ? entry.Current : null);

    public Task<OrchestrationPage> ListAsync(int limit, long? before, OrchestrationFilter filter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentNullException.ThrowIfNull(filter);
        return Task.FromResult(_index.Page(limit, before, filter));
    }

    /// <summary>
    /// A scan of every entry's current snapshot, without locks: each snapshot is immutable, so every orchestration is
    /// counted in one consistent state, as a concurrent read of it would answer it.
    /// </summary>
    public Task<OrchestrationSummary> SummarizeAsync(DateTimeOffset finishedFrom, DateTimeOffset finishedUntil, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<ProcessStatus, long>();
        var finished = new Dictionary<(DateTimeOffset Minute, ItemStatus Status), long>();
        foreach (var entry in _index.Entries)
        {
            var orchestration = entry.Current;
            if (entry.Removed)
            {
                continue;
            }

            counts[orchestration.ProcessStatus] = counts.GetValueOrDefault(orchestration.ProcessStatus) + 1;
            foreach (var item in orchestration.Items)
            {
                if (item is { IsFinished: true, FinishedAt: { } at } && at >= finishedFrom && at < finishedUntil)
                {
                    var key = (FinishedItemCount.MinuteOf(at), item.Status);
                    finished[key] = finished.GetValueOrDefault(key) + 1;
                }
            }
        }

        IReadOnlyList<FinishedItemCount> perMinute = finished.Select(f => new FinishedItemCount(f.Key.Minute, f.Key.Status, f.Value)).ToArray();
        return Task.FromResult(new OrchestrationSummary(counts, perMinute));
    }

    public Task<ItemSaved> SaveItemAsync(Guid orchestrationId, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!_index.TryGet(orchestrationId, out var entry))
        {
            throw new OrchestrationNotFoundException(orchestrationId.ToString());
        }

        lock (entry)
        {
            if (entry.Removed)
            {
                throw new OrchestrationNotFoundException(orchestrationId.ToString());
            }

            if (entry.Current.CancelRequestedAt is not null && !item.IsFinished)
            {
                throw new OrchestrationCancelledException($"Orchestration {orchestrationId} was cancelled.");
            }

            var before = entry.Current.ProcessStatus;
            entry.Current = entry.Current.WithItem(item, timeProvider.GetUtcNow());
            return Task.FromResult(new ItemSaved(before, entry.Current.ProcessStatus));
        }
    }

    public Task<CancelRequest?> RequestCancelAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_index.TryGet(id, out var entry))
        {
            return Task.FromResult<CancelRequest?>(null);
        }

        lock (entry)
        {
            var marked = entry.Current is { CancelRequestedAt: null } current && !current.ProcessStatus.IsTerminal();
            if (marked)
            {
                entry.Current = entry.Current with { CancelRequestedAt = now, UpdatedAt = now > entry.Current.UpdatedAt ? now : entry.Current.UpdatedAt };
            }

            return Task.FromResult<CancelRequest?>(new CancelRequest(entry.Current, marked));
        }
    }

    public Task<ItemsRetry?> RetryItemsAsync(Guid id, IReadOnlySet<int>? indexes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_index.TryGet(id, out var entry))
        {
            return Task.FromResult<ItemsRetry?>(null);
        }

        lock (entry)
        {
            if (entry.Removed)
            {
                return Task.FromResult<ItemsRetry?>(null);
            }

            var (current, outcome, retried) = RetryRules.Apply(entry.Current, indexes, now);
            entry.Current = current;
            if (outcome == RetryOutcome.Retried)
            {
                _callbacks.Track(entry);
            }

            return Task.FromResult<ItemsRetry?>(new ItemsRetry(current, outcome, retried));
        }
    }

    public Task<IReadOnlyList<Orchestration>> FindDueForRemovalAsync(DateTimeOffset finishedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        IReadOnlyList<Orchestration> due = _index.Entries.Select(e => e.Current).Where(o => IsDue(o, finishedBefore))
            .OrderBy(o => o.UpdatedAt).Take(limit).ToArray();
        return Task.FromResult(due);
    }

    public Task<int> RemoveAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset finishedBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var removed = _index.Remove(ids, o => IsDue(o, finishedBefore));
        foreach (var id in removed)
        {
            _callbacks.Forget(id);
        }

        return Task.FromResult(removed.Count);
    }

    public Task<int> PurgeExpiredIdempotencyKeysAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return Task.FromResult(_index.PurgeExpiredKeys(now, limit));
    }

    public Task<Orchestration?> ClaimDueCallbackAsync(DateTimeOffset now, DateTimeOffset claimedUntil, CancellationToken cancellationToken) =>
        Task.FromResult(_callbacks.ClaimDue(now, claimedUntil));

    public Task<bool> RecordCallbackAsync(Guid orchestrationId, OrchestrationCallback callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Task.FromResult(_index.TryGet(orchestrationId, out var entry) && _callbacks.Record(entry, callback));
    }

    private static bool IsDue(Orchestration orchestration, DateTimeOffset finishedBefore) =>
        orchestration.UpdatedAt < finishedBefore && orchestration.Items.All(i => i.IsFinished);
}
