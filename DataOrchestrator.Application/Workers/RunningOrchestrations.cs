namespace DataOrchestrator.Application.Workers;

/// <summary>
/// The orchestrations whose items run in this process, each with a token that a cancel fires: in-flight EDC calls
/// and downloads of those items are aborted at once instead of at their next step.
/// </summary>
public sealed class RunningOrchestrations
{
    private readonly Dictionary<Guid, Entry> _entries = [];
    private readonly Lock _lock = new();

    /// <summary>Tracks one running item until the returned watch is disposed.</summary>
    public Watch Track(Guid orchestrationId)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(orchestrationId, out var entry))
            {
                _entries[orchestrationId] = entry = new Entry();
            }

            entry.Items++;
            return new Watch(this, orchestrationId, entry.Source.Token);
        }
    }

    /// <summary>Fires the token of every item of the orchestration running here; false when none runs here.</summary>
    public bool Cancel(Guid orchestrationId)
    {
        Entry? entry;
        lock (_lock)
        {
            if (!_entries.TryGetValue(orchestrationId, out entry))
            {
                return false;
            }
        }

        // Outside the lock: cancellation runs the aborted calls' callbacks synchronously.
        try
        {
            entry.Source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Its last item ended meanwhile.
        }

        return true;
    }

    /// <summary>The orchestrations with an item running here now.</summary>
    public IReadOnlyList<Guid> Ids()
    {
        lock (_lock)
        {
            return [.. _entries.Keys];
        }
    }

    private void Release(Guid orchestrationId)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(orchestrationId, out var entry) && --entry.Items == 0)
            {
                _entries.Remove(orchestrationId);
                entry.Source.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public CancellationTokenSource Source { get; } = new();

        public int Items { get; set; }
    }

    /// <summary>One running item's view: its orchestration's cancel token; dispose when the item is done.</summary>
    public sealed class Watch(RunningOrchestrations owner, Guid orchestrationId, CancellationToken token) : IDisposable
    {
        private int _disposed;

        public CancellationToken Token { get; } = token;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(orchestrationId);
            }
        }
    }
}
