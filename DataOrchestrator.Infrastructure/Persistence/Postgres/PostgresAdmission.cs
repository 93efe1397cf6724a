using DataOrchestrator.Application.Workers;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// Admission for <see cref="PostgresWorkQueue"/>: whether a submit of so many items still fits the queue's capacity. The
/// unfinished items are counted at most once per poll interval, local submits added to the count in between (issue 17:
/// no count statement per submit); a submit the last count would refuse counts again unless that count is younger than
/// a tenth of the interval. Submits of other instances since the last count are not in it, and finished items leave it
/// only with the next count.
/// </summary>
internal sealed class PostgresAdmission(
    PostgresLeases leases,
    IOptions<PersistenceOptions> persistence,
    IOptions<WorkerOptions> workers,
    TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private long _fill;
    private long? _countedAt;

    public async ValueTask<bool> TryTakeAsync(int count, CancellationToken cancellationToken)
    {
        var capacity = workers.Value.QueueCapacity;
        var poll = persistence.Value.PollIntervalMs;
        var taken = TryTake(count, capacity, poll);
        if (taken is false)
        {
            taken = TryTake(count, capacity, poll / 10);
        }

        return taken ?? TakeCounted(count, capacity, await PostgresErrors.GuardAsync(() => leases.CountUnfinishedAsync(capacity + 1, cancellationToken)));
    }

    /// <summary>Null when the last count is older than <paramref name="maxAgeMs"/>.</summary>
    private bool? TryTake(int count, int capacity, long maxAgeMs)
    {
        lock (_lock)
        {
            return _countedAt is not { } countedAt || timeProvider.GetElapsedTime(countedAt).TotalMilliseconds > maxAgeMs ? null : Take(count, capacity);
        }
    }

    private bool TakeCounted(int count, int capacity, long counted)
    {
        lock (_lock)
        {
            (_fill, _countedAt) = (counted, timeProvider.GetTimestamp());
            return Take(count, capacity);
        }
    }

    private bool Take(int count, int capacity)
    {
        if (_fill + count > capacity)
        {
            return false;
        }

        _fill += count;
        return true;
    }
}
