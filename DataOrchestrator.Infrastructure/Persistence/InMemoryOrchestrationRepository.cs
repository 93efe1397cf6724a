using System.Collections.Concurrent;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Infrastructure.Persistence;

/// <summary>
/// The default store: immutable orchestration snapshots in a concurrent dictionary. An item update swaps in a new
/// snapshot under a per-orchestration lock, so readers never see a half-applied change and never block writers long.
/// </summary>
internal sealed class InMemoryOrchestrationRepository(TimeProvider timeProvider) : IOrchestrationRepository
{
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    // Creation order, append-only: an entry's index is its stable position for paging.
    private readonly List<Entry> _inOrder = [];
    private readonly Lock _orderLock = new();

    public bool KeepsWorkAcrossRestarts => false;

    public Task AddAsync(Orchestration orchestration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        var entry = new Entry(orchestration);
        lock (_orderLock)
        {
            if (!_entries.TryAdd(orchestration.Id, entry))
            {
                throw new InvalidOperationException($"Orchestration {orchestration.Id} already exists.");
            }

            _inOrder.Add(entry);
        }

        return Task.CompletedTask;
    }

    public Task<Orchestration?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.TryGetValue(id, out var entry) ? entry.Current : null);

    public Task<OrchestrationPage> ListAsync(int limit, long? before, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var page = new List<Orchestration>(Math.Min(limit, 1024));
        long? nextBefore = null;
        lock (_orderLock)
        {
            var index = (int)Math.Min(before ?? _inOrder.Count, _inOrder.Count) - 1;
            for (; index >= 0 && page.Count < limit; index--)
            {
                page.Add(_inOrder[index].Current);
            }

            if (index >= 0)
            {
                nextBefore = index + 1;
            }
        }

        return Task.FromResult(new OrchestrationPage(page, nextBefore));
    }

    public Task SaveItemAsync(Guid orchestrationId, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!_entries.TryGetValue(orchestrationId, out var entry))
        {
            throw new OrchestrationNotFoundException(orchestrationId.ToString());
        }

        lock (entry)
        {
            entry.Current = entry.Current.WithItem(item, timeProvider.GetUtcNow());
        }

        return Task.CompletedTask;
    }

    private sealed class Entry(Orchestration current)
    {
        private volatile Orchestration _current = current;

        public Orchestration Current
        {
            get => _current;
            set => _current = value;
        }
    }
}
