using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Application.Orchestrations.Submit;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Infrastructure.Persistence;

/// <summary>
/// How the in-memory store finds its entries: by id, in creation order (for pages) and by idempotency key. One lock
/// keeps order and keys consistent with each other; lookups by id take no lock.
/// </summary>
internal sealed class InMemoryIndex
{
    private readonly ConcurrentDictionary<Guid, InMemoryEntry> _entries = new();

    // Creation order. Positions only grow and are never reused, so a page cursor (a position) stays valid when
    // retention takes entries out of the list.
    private readonly List<InMemoryEntry> _inOrder = [];
    private readonly InMemoryIdempotencyKeys _keys = new();
    private readonly Lock _lock = new();
    private long _nextPosition;

    /// <summary>Every entry, read without the lock: submissions and listings do not wait for a scan.</summary>
    public IEnumerable<InMemoryEntry> Entries => _entries.Values;

    public bool TryGet(Guid id, [NotNullWhen(true)] out InMemoryEntry? entry) => _entries.TryGetValue(id, out entry);

    public InMemoryEntry Add(Orchestration orchestration)
    {
        lock (_lock)
        {
            var entry = new InMemoryEntry(orchestration, _nextPosition);
            if (!_entries.TryAdd(orchestration.Id, entry))
            {
                throw new InvalidOperationException($"Orchestration {orchestration.Id} already exists.");
            }

            _inOrder.Add(entry);
            _nextPosition++;
            return entry;
        }
    }

    /// <summary>Checking a key and claiming it are one step; null when it was claimed for <paramref name="orchestrationId"/>.</summary>
    public IdempotentAdd? TryClaimKey(IdempotencyKey key, Guid orchestrationId, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _keys.TryClaim(key, orchestrationId, now);
        }
    }

    public int PurgeExpiredKeys(DateTimeOffset now, int limit)
    {
        lock (_lock)
        {
            return _keys.PurgeExpired(now, limit);
        }
    }

    /// <summary>A scan from the cursor down; with a filter it reads past non-matching entries (fine in memory; the database uses indexes).</summary>
    public OrchestrationPage Page(int limit, long? before, OrchestrationFilter filter)
    {
        var page = new List<Orchestration>(Math.Min(limit, 1024));
        long? nextBefore = null;
        lock (_lock)
        {
            InMemoryEntry? last = null;
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

        return new OrchestrationPage(page, nextBefore);
    }

    /// <summary>
    /// Takes out those of <paramref name="ids"/> that are still <paramref name="due"/>, with their keys, and answers
    /// which. Each is checked and marked removed under its entry's lock, so an item save either lands before the
    /// check or finds the entry removed.
    /// </summary>
    public HashSet<Guid> Remove(IReadOnlyCollection<Guid> ids, Func<Orchestration, bool> due)
    {
        var removed = new HashSet<Guid>();
        lock (_lock)
        {
            foreach (var id in ids)
            {
                if (!_entries.TryGetValue(id, out var entry))
                {
                    continue;
                }

                lock (entry)
                {
                    if (entry.Removed || !due(entry.Current))
                    {
                        continue;
                    }

                    entry.Removed = true;
                }

                _entries.TryRemove(id, out _);
                removed.Add(id);
            }

            if (removed.Count > 0)
            {
                _inOrder.RemoveAll(e => e.Removed);
                _keys.ForgetOrchestrations(removed);
            }
        }

        return removed;
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
}
