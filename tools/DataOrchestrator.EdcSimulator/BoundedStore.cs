using System.Collections.Concurrent;

namespace DataOrchestrator.EdcSimulator;

/// <summary>
/// Items by id, bounded so long benchmark runs cannot exhaust memory: past the capacity the oldest items are
/// forgotten (lookups then miss, and the endpoints answer 404). Lock-free; under concurrent adds the count may dip
/// a little below the capacity, never above it once the adds return.
/// </summary>
/// <typeparam name="T">What is stored; <c>idOf</c> gives its id.</typeparam>
internal sealed class BoundedStore<T>
    where T : class
{
    private readonly ConcurrentDictionary<string, T> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<T> _order = new();
    private readonly Func<T, string> _idOf;
    private readonly Action<T>? _onEvicted;
    private readonly int _capacity;
    private int _count;

    /// <param name="capacity">How many items are kept.</param>
    /// <param name="idOf">The id an item is found by.</param>
    /// <param name="onEvicted">Called with each forgotten item, after its id stops resolving, so an owner can drop its own indexes of it.</param>
    public BoundedStore(int capacity, Func<T, string> idOf, Action<T>? onEvicted = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentNullException.ThrowIfNull(idOf);
        _capacity = capacity;
        _idOf = idOf;
        _onEvicted = onEvicted;
    }

    public void Add(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _byId[_idOf(item)] = item;
        Track(item);
    }

    /// <summary>Adds the item unless its id is taken; then <paramref name="existing"/> is the item holding it.</summary>
    public bool TryAdd(T item, out T existing)
    {
        ArgumentNullException.ThrowIfNull(item);
        existing = _byId.GetOrAdd(_idOf(item), item);
        if (!ReferenceEquals(existing, item))
        {
            return false;
        }

        Track(item);
        return true;
    }

    public bool TryGet(string id, out T item) => _byId.TryGetValue(id, out item!);

    /// <summary>The stored items, oldest first.</summary>
    public IReadOnlyList<T> Snapshot() => _order.ToArray();

    private void Track(T item)
    {
        _order.Enqueue(item);
        if (Interlocked.Increment(ref _count) <= _capacity)
        {
            return;
        }

        while (Volatile.Read(ref _count) > _capacity && _order.TryDequeue(out var oldest))
        {
            Interlocked.Decrement(ref _count);
            // Only this very item: a later item stored under the same id stays findable.
            _byId.TryRemove(new KeyValuePair<string, T>(_idOf(oldest), oldest));
            _onEvicted?.Invoke(oldest);
        }
    }
}
