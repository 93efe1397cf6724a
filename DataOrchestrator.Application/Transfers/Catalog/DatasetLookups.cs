using System.Collections.Concurrent;

namespace DataOrchestrator.Application.Transfers.Catalog;

/// <summary>
/// The datasets the items of an orchestration looked up, so items asking for the same provider's asset share one
/// dataset request (in flight or answered shortly before). Only answers are kept, and a refusal of the provider
/// (<see cref="CatalogRequestFailedException"/>): after a connector outage the next item asks again. Entries expire
/// a while after they were answered, so the cache stays as small as the work in flight.
/// </summary>
public sealed class DatasetLookups(TimeProvider timeProvider)
{
    /// <summary>Long enough for an orchestration's items, queued together, to find the answer; short enough that a changed catalog is seen.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, Lookup> _lookups = new(StringComparer.Ordinal);

    /// <summary>
    /// The dataset under <paramref name="key"/> for the orchestration: the one already asked for, or <paramref name="fetch"/>'s.
    /// The fetch runs on its own (it must not fail the items that share it when the first one is cancelled); the
    /// management client's timeouts bound it.
    /// </summary>
    public async Task<CatalogDataset> GetAsync(Guid orchestrationId, string key, Func<CancellationToken, Task<CatalogDataset>> fetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var now = timeProvider.GetUtcNow();
        foreach (var (expiredKey, expired) in _lookups.Where(l => l.Value.AnsweredAt is { } answered && now - answered > KeepFor))
        {
            _lookups.TryRemove(KeyValuePair.Create(expiredKey, expired));
        }

        var fullKey = $"{orchestrationId:N}\n{key}";
        // GetOrAdd may build two lookups when items race; only the one stored is ever started.
        var lookup = _lookups.GetOrAdd(fullKey, _ => new Lookup(timeProvider, fetch));
        try
        {
            return await lookup.Answer.Value.WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not CatalogRequestFailedException && !cancellationToken.IsCancellationRequested)
        {
            _lookups.TryRemove(KeyValuePair.Create(fullKey, lookup));
            throw;
        }
    }

    /// <summary>How many lookups are kept (in flight or answered); for tests.</summary>
    public int Count => _lookups.Count;

    private sealed class Lookup
    {
        public Lookup(TimeProvider timeProvider, Func<CancellationToken, Task<CatalogDataset>> fetch)
        {
            Answer = new Lazy<Task<CatalogDataset>>(() => RunAsync(timeProvider, fetch));
        }

        public Lazy<Task<CatalogDataset>> Answer { get; }

        public DateTimeOffset? AnsweredAt { get; private set; }

        private async Task<CatalogDataset> RunAsync(TimeProvider timeProvider, Func<CancellationToken, Task<CatalogDataset>> fetch)
        {
            try
            {
                return await Task.Run(() => fetch(CancellationToken.None));
            }
            finally
            {
                AnsweredAt = timeProvider.GetUtcNow();
            }
        }
    }
}
