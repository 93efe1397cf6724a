using DataOrchestrator.Application.Orchestrations.Submit;

namespace DataOrchestrator.Infrastructure.Persistence;

/// <summary>The idempotency keys of the in-memory store. Not thread-safe: <see cref="InMemoryIndex"/> guards it with its lock.</summary>
internal sealed class InMemoryIdempotencyKeys
{
    private readonly Dictionary<string, (string Fingerprint, Guid OrchestrationId, DateTimeOffset ExpiresAt)> _keys = new(StringComparer.Ordinal);

    /// <summary>Claims the key for <paramref name="orchestrationId"/>, or answers whom an unexpired claim already names.</summary>
    public IdempotentAdd? TryClaim(IdempotencyKey key, Guid orchestrationId, DateTimeOffset now)
    {
        if (_keys.TryGetValue(key.Key, out var stored) && stored.ExpiresAt > now)
        {
            return new IdempotentAdd(stored.OrchestrationId, Created: false, SameRequest: stored.Fingerprint == key.Fingerprint);
        }

        _keys[key.Key] = (key.Fingerprint, orchestrationId, key.ExpiresAt);
        return null;
    }

    /// <summary>As the database cascades: a key must not answer with an orchestration that is gone.</summary>
    public void ForgetOrchestrations(IReadOnlySet<Guid> removed)
    {
        foreach (var key in _keys.Where(k => removed.Contains(k.Value.OrchestrationId)).Select(k => k.Key).ToArray())
        {
            _keys.Remove(key);
        }
    }

    public int PurgeExpired(DateTimeOffset now, int limit)
    {
        var expired = _keys.Where(k => k.Value.ExpiresAt <= now).Select(k => k.Key).Take(limit).ToArray();
        foreach (var key in expired)
        {
            _keys.Remove(key);
        }

        return expired.Length;
    }
}
