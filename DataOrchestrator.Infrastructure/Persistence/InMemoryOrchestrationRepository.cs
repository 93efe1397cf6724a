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

    public Task AddAsync(Orchestration orchestration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        if (!_entries.TryAdd(orchestration.Id, new Entry(orchestration)))
        {
            throw new InvalidOperationException($"Orchestration {orchestration.Id} already exists.");
        }

        return Task.CompletedTask;
    }

    public Task<Orchestration?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.TryGetValue(id, out var entry) ? entry.Current : null);

    public Task<IReadOnlyList<Orchestration>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Orchestration> all = _entries.Values
            .Select(e => e.Current)
            .OrderBy(o => o.CreatedAt)
            .ThenBy(o => o.Id)
            .ToArray();
        return Task.FromResult(all);
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
