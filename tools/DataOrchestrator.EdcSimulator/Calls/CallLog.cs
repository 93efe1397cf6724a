using System.Collections.Concurrent;

namespace DataOrchestrator.EdcSimulator.Calls;

/// <summary>
/// Bounded, lock-free log of the most recent calls. Under benchmark load the oldest entries are
/// dropped so memory stays flat however long the simulator runs.
/// </summary>
internal sealed class CallLog
{
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly int _capacity;
    private int _count;
    private long _sequence;

    public CallLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Add(RecordedCall call)
    {
        _calls.Enqueue(call);
        if (Interlocked.Increment(ref _count) <= _capacity)
        {
            return;
        }

        while (Volatile.Read(ref _count) > _capacity && _calls.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public IReadOnlyList<RecordedCall> Snapshot() => _calls.ToArray();

    public void Clear()
    {
        while (_calls.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
