using System.Collections.Concurrent;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Infrastructure.Persistence;

/// <summary>
/// Callback delivery in the in-memory store. The state lives in the entries' snapshots; this keeps the entries whose
/// callback is still pending, the only ones a claim has to look at.
/// </summary>
internal sealed class InMemoryCallbacks
{
    private readonly ConcurrentDictionary<Guid, InMemoryEntry> _pending = new();

    public void Track(InMemoryEntry entry)
    {
        if (entry.Current.Callback is { State: CallbackState.Pending })
        {
            _pending[entry.Current.Id] = entry;
        }
    }

    public void Forget(Guid orchestrationId) => _pending.TryRemove(orchestrationId, out _);

    public Orchestration? ClaimDue(DateTimeOffset now, DateTimeOffset claimedUntil)
    {
        foreach (var entry in _pending.Values)
        {
            lock (entry)
            {
                var current = entry.Current;
                if (!entry.Removed && current.Callback is { State: CallbackState.Pending } callback && callback.NextAttemptAt <= now
                    && current.ProcessStatus.IsTerminal())
                {
                    entry.Current = current with { Callback = callback.Claim(claimedUntil) };
                    return entry.Current;
                }
            }
        }

        return null;
    }

    /// <summary>Records the attempt's outcome unless the claim it belongs to is no longer the latest.</summary>
    public bool Record(InMemoryEntry entry, OrchestrationCallback callback)
    {
        lock (entry)
        {
            if (entry.Removed || entry.Current.Callback is not { State: CallbackState.Pending } stored || stored.Attempts != callback.Attempts
                || stored.Round != callback.Round)
            {
                return false;
            }

            entry.Current = entry.Current with { Callback = callback };
            if (callback.State != CallbackState.Pending)
            {
                Forget(entry.Current.Id);
            }

            return true;
        }
    }
}
