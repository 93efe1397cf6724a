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

    private readonly SharedResults<CatalogDataset> _lookups = new(timeProvider, KeepFor, failure => failure is CatalogRequestFailedException);

    /// <summary>
    /// The dataset under <paramref name="key"/> for the orchestration: the one already asked for, or <paramref name="fetch"/>'s.
    /// The fetch runs on its own (it must not fail the items that share it when the first one is cancelled); the
    /// management client's timeouts bound it.
    /// </summary>
    public Task<CatalogDataset> GetAsync(Guid orchestrationId, string key, Func<CancellationToken, Task<CatalogDataset>> fetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        return _lookups.GetOrStartAsync($"{orchestrationId:N}\n{key}", () => Task.Run(() => fetch(CancellationToken.None)), cancellationToken);
    }

    /// <summary>How many lookups are kept (in flight or answered); for tests.</summary>
    public int Count => _lookups.Count;
}
