using System.Collections.Concurrent;
using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Application.Orchestrations.Submit;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Infrastructure.Persistence;

/// <summary>
/// The default store: immutable orchestration snapshots in a concurrent dictionary. An item update swaps in a new
/// snapshot under a per-orchestration lock, so readers never see a half-applied change and never block writers long.
/// Callback delivery state lives in the same snapshots.
/// </summary>
internal sealed class InMemoryOrchestrationRepository(TimeProvider timeProvider) : IOrchestrationRepository, ICallbackStore
{
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    // Orchestrations whose callback is still pending: the only ones a claim has to look at.
    private readonly ConcurrentDictionary<Guid, Entry> _pendingCallbacks = new();

    // Creation order. Positions only grow and are never reused, so a page cursor (a position) stays valid when
    // retention takes entries out of the list.
    private readonly List<Entry> _inOrder = [];
    private readonly Lock _orderLock = new();
    private long _nextPosition;

    // Idempotency keys, guarded by _orderLock so that checking a key and adding its orchestration are one step.
    private readonly Dictionary<string, (string Fingerprint, Guid OrchestrationId, DateTimeOffset ExpiresAt)> _keys = new(StringComparer.Ordinal);

    public bool KeepsWorkAcrossRestarts => false;

    public Task AddAsync(Orchestration orchestration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        Entry entry;
        lock (_orderLock)
        {
            entry = new Entry(orchestration, _nextPosition);
            if (!_entries.TryAdd(orchestration.Id, entry))
            {
                throw new InvalidOperationException($"Orchestration {orchestration.Id} already exists.");
            }

            _inOrder.Add(entry);
            _nextPosition++;
        }

        if (orchestration.Callback is { State: CallbackState.Pending })
        {
            _pendingCallbacks[orchestration.Id] = entry;
        }

        return Task.CompletedTask;
    }

    public async Task<IdempotentAdd> AddIdempotentAsync(Orchestration orchestration, IdempotencyKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        ArgumentNullException.ThrowIfNull(key);
        lock (_orderLock)
        {
            if (_keys.TryGetValue(key.Key, out var stored) && stored.ExpiresAt > timeProvider.GetUtcNow())
            {
                return new IdempotentAdd(stored.OrchestrationId, Created: false, SameRequest: stored.Fingerprint == key.Fingerprint);
            }

            _keys[key.Key] = (key.Fingerprint, orchestration.Id, key.ExpiresAt);
        }

        await AddAsync(orchestration, cancellationToken);
        return new IdempotentAdd(orchestration.Id, Created: true, SameRequest: true);
    }

    public Task<Orchestration?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.TryGetValue(id, out var entry) ? entry.Current : null);

    public Task<OrchestrationPage> ListAsync(int limit, long? before, OrchestrationFilter filter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentNullException.ThrowIfNull(filter);
        var page = new List<Orchestration>(Math.Min(limit, 1024));
        long? nextBefore = null;
        lock (_orderLock)
        {
            // A scan from the cursor down; with a filter it reads past non-matching entries (fine in memory; the database uses indexes).
            Entry? last = null;
            for (var index = CountBefore(before ?? long.MaxValue) - 1; index >= 0; index--)
            {
                var orchestration = _inOrder[index].Current;
                if (!filter.Matches(orchestration))
                {
                    continue;
                }

                if (page.Count == limit)
                {
                    nextBefore = last?.Position;
                    break;
                }

                page.Add(orchestration);
                last = _inOrder[index];
            }
        }

        return Task.FromResult(new OrchestrationPage(page, nextBefore));
    }

    /// <summary>How many entries have a position below <paramref name="position"/> (a binary search: positions ascend).</summary>
    private int CountBefore(long position)
    {
        var (low, high) = (0, _inOrder.Count);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (_inOrder[middle].Position < position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    public Task<ItemSaved> SaveItemAsync(Guid orchestrationId, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!_entries.TryGetValue(orchestrationId, out var entry))
        {
            throw new OrchestrationNotFoundException(orchestrationId.ToString());
        }

        ItemSaved saved;
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
            saved = new ItemSaved(before, entry.Current.ProcessStatus);
        }

        return Task.FromResult(saved);
    }

    public Task<Orchestration?> RequestCancelAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue(id, out var entry))
        {
            return Task.FromResult<Orchestration?>(null);
        }

        lock (entry)
        {
            if (entry.Current is { CancelRequestedAt: null } current && !current.ProcessStatus.IsTerminal())
            {
                entry.Current = current with { CancelRequestedAt = now, UpdatedAt = now > current.UpdatedAt ? now : current.UpdatedAt };
            }

            return Task.FromResult<Orchestration?>(entry.Current);
        }
    }

    public Task<IReadOnlyList<Orchestration>> FindDueForRemovalAsync(DateTimeOffset finishedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // A scan of the dictionary, outside the order lock: submissions and listings do not wait for it.
        IReadOnlyList<Orchestration> due = _entries.Select(e => e.Value.Current).Where(o => IsDue(o, finishedBefore))
            .OrderBy(o => o.UpdatedAt).Take(limit).ToArray();
        return Task.FromResult(due);
    }

    public Task<int> RemoveAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset finishedBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var removed = new HashSet<Guid>();
        lock (_orderLock)
        {
            foreach (var id in ids)
            {
                if (!_entries.TryGetValue(id, out var entry))
                {
                    continue;
                }

                // Under the entry's lock, so an item save either lands before the check or finds the entry removed.
                lock (entry)
                {
                    if (entry.Removed || !IsDue(entry.Current, finishedBefore))
                    {
                        continue;
                    }

                    entry.Removed = true;
                }

                _entries.TryRemove(id, out _);
                _pendingCallbacks.TryRemove(id, out _);
                removed.Add(id);
            }

            if (removed.Count > 0)
            {
                _inOrder.RemoveAll(e => e.Removed);

                // As the database cascades: a key must not answer with an orchestration that is gone.
                foreach (var key in _keys.Where(k => removed.Contains(k.Value.OrchestrationId)).Select(k => k.Key).ToArray())
                {
                    _keys.Remove(key);
                }
            }
        }

        return Task.FromResult(removed.Count);
    }

    public Task<int> PurgeExpiredIdempotencyKeysAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_orderLock)
        {
            var expired = _keys.Where(k => k.Value.ExpiresAt <= now).Select(k => k.Key).Take(limit).ToArray();
            foreach (var key in expired)
            {
                _keys.Remove(key);
            }

            return Task.FromResult(expired.Length);
        }
    }

    public Task<Orchestration?> ClaimDueCallbackAsync(DateTimeOffset now, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
    {
        foreach (var entry in _pendingCallbacks.Values)
        {
            lock (entry)
            {
                var current = entry.Current;
                if (!entry.Removed && current.Callback is { State: CallbackState.Pending } callback && callback.NextAttemptAt <= now
                    && current.ProcessStatus.IsTerminal())
                {
                    entry.Current = current with { Callback = callback.Claim(claimedUntil) };
                    return Task.FromResult<Orchestration?>(entry.Current);
                }
            }
        }

        return Task.FromResult<Orchestration?>(null);
    }

    public Task<bool> RecordCallbackAsync(Guid orchestrationId, OrchestrationCallback callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (!_entries.TryGetValue(orchestrationId, out var entry))
        {
            return Task.FromResult(false);
        }

        lock (entry)
        {
            if (entry.Removed || entry.Current.Callback is not { State: CallbackState.Pending } stored || stored.Attempts != callback.Attempts)
            {
                return Task.FromResult(false);
            }

            entry.Current = entry.Current with { Callback = callback };
            if (callback.State != CallbackState.Pending)
            {
                _pendingCallbacks.TryRemove(orchestrationId, out _);
            }
        }

        return Task.FromResult(true);
    }

    private static bool IsDue(Orchestration orchestration, DateTimeOffset finishedBefore) =>
        orchestration.UpdatedAt < finishedBefore && orchestration.Items.All(i => i.IsFinished);

    private sealed class Entry(Orchestration current, long position)
    {
        /// <summary>Taken out by retention (set under the entry's lock): saves must not bring it back.</summary>
        public bool Removed { get; set; }

        /// <summary>Place in creation order, never reused: the page cursor continues below it.</summary>
        public long Position { get; } = position;

        private volatile Orchestration _current = current;

        public Orchestration Current
        {
            get => _current;
            set => _current = value;
        }
    }
}
