using System.Collections.Concurrent;

namespace DataOrchestrator.EdcSimulator.Negotiations;

/// <summary>
/// Contract negotiations by id, bounded like the transfer store: past the capacity the oldest negotiations are
/// forgotten (and then answer 404).
/// </summary>
internal sealed class NegotiationStore
{
    private readonly ConcurrentDictionary<string, SimulatedNegotiation> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SimulatedNegotiation> _order = new();
    private readonly int _capacity;
    private int _count;

    public NegotiationStore(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    public void Add(SimulatedNegotiation negotiation)
    {
        _byId[negotiation.Id] = negotiation;
        _order.Enqueue(negotiation);
        if (Interlocked.Increment(ref _count) <= _capacity)
        {
            return;
        }

        while (Volatile.Read(ref _count) > _capacity && _order.TryDequeue(out var oldest))
        {
            Interlocked.Decrement(ref _count);
            _byId.TryRemove(oldest.Id, out _);
        }
    }

    public bool TryGet(string id, out SimulatedNegotiation negotiation) =>
        _byId.TryGetValue(id, out negotiation!);

    public IReadOnlyList<SimulatedNegotiation> Snapshot() => _order.ToArray();
}
