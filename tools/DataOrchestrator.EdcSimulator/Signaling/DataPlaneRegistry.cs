using System.Collections.Concurrent;

namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>The registered consumer data planes by id, and EDC's choice among them for a transfer.</summary>
internal sealed class DataPlaneRegistry
{
    private readonly ConcurrentDictionary<string, DataPlaneRegistration> _byId = new(StringComparer.Ordinal);
    private long _selections;

    public void Put(DataPlaneRegistration registration) => _byId[registration.DataplaneId] = registration;

    public bool Remove(string dataplaneId) => _byId.TryRemove(dataplaneId, out _);

    public IReadOnlyList<DataPlaneRegistration> Snapshot() =>
        _byId.Values.OrderBy(registration => registration.DataplaneId, StringComparer.Ordinal).ToArray();

    /// <summary>One of the data planes that serve the request (EDC's default strategy picks at random; this rotates), or null.</summary>
    public DataPlaneRegistration? Select(string transferType, IReadOnlyList<string> labels)
    {
        var candidates = Snapshot().Where(registration => registration.Serves(transferType, labels)).ToArray();
        return candidates.Length == 0
            ? null
            : candidates[(int)((ulong)Interlocked.Increment(ref _selections) % (ulong)candidates.Length)];
    }
}
