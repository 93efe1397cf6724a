using System.Collections.Concurrent;

namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>Bounded log of the DPS messages sent and received; past the capacity the oldest are dropped.</summary>
internal sealed class DpsMessageLog(int capacity, TimeProvider timeProvider)
{
    private readonly ConcurrentQueue<DpsMessage> _messages = new();
    private long _sequence;
    private int _count;

    public void Add(
        string direction, string kind, string? transferId, string method, string url, string? body,
        int? status, string? responseBody, string? error = null)
    {
        var message = new DpsMessage(
            Interlocked.Increment(ref _sequence), timeProvider.GetUtcNow(), direction, kind, transferId, method, url,
            body, status, responseBody, error);
        _messages.Enqueue(message);
        if (Interlocked.Increment(ref _count) <= capacity)
        {
            return;
        }

        while (Volatile.Read(ref _count) > capacity && _messages.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public IReadOnlyList<DpsMessage> Snapshot() => _messages.ToArray();

    public void Clear()
    {
        while (_messages.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
