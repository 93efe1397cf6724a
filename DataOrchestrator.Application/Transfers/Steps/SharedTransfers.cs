using System.Collections.Concurrent;

namespace DataOrchestrator.Application.Transfers.Steps;

/// <summary>
/// REUSE_EDRS: the transfers this instance started lately, by connector, agreement and asset, so items asking right
/// after share them before the connector's EDR cache lists them (EDC caches an EDR a little after STARTED).
/// </summary>
public sealed class SharedTransfers(TimeProvider timeProvider)
{
    public static readonly TimeSpan ShareFor = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, (string TransferId, DateTimeOffset StartedAt)> _started = new(StringComparer.Ordinal);

    public string? Find(string key)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (expiredKey, expired) in _started.Where(s => now - s.Value.StartedAt > ShareFor))
        {
            _started.TryRemove(KeyValuePair.Create(expiredKey, expired));
        }

        return _started.TryGetValue(key, out var started) ? started.TransferId : null;
    }

    public void Add(string key, string transferId) => _started[key] = (transferId, timeProvider.GetUtcNow());
}
