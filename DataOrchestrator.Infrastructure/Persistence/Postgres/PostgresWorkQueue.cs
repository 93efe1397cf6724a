using System.Collections.Concurrent;
using System.Threading.Channels;
using DataOrchestrator.Application.Workers;
using DataOrchestrator.Infrastructure.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// The work queue in PostgreSQL: unfinished item rows. A dispatcher claims as many as this instance has free workers
/// (<see cref="PostgresLeases"/>) under a lease that a heartbeat extends while the items run (<see cref="PostgresLeaseHeartbeat"/>);
/// items whose lease expired (their instance died) are claimed like new ones. Local submits wake the dispatcher at
/// once, other instances' within the poll interval. A worker done with an item hands its lease back with the next
/// claim (one statement for both), and the queue's fill level for admission is counted at most once per poll interval
/// in between, local submits added to it (issue 17: few statements per item).
/// </summary>
internal sealed partial class PostgresWorkQueue : IOrchestrationQueue, IWorkSource, IAsyncDisposable
{
    private readonly Channel<ItemWork> _ready = Channel.CreateUnbounded<ItemWork>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly WakeSignal _wake = new();
    private readonly CancellationTokenSource _stopClaiming = new();
    private readonly PostgresLeases _leases;
    private readonly PostgresLeaseHeartbeat _heartbeat;
    private readonly IOptions<PersistenceOptions> _persistence;
    private readonly IOptions<WorkerOptions> _workers;
    private readonly ILogger<PostgresWorkQueue> _logger;
    private readonly ConcurrentQueue<ItemWork> _releases = new();
    private readonly Lock _fillLock = new();
    private long _fill;
    private readonly TimeProvider _timeProvider;
    private long? _fillCountedAt;
    private Task _dispatcher = Task.CompletedTask;
    private int _inFlight;
    private int _disposed;
    private volatile bool _closed;

    public PostgresWorkQueue(
        NpgsqlDataSource dataSource,
        PostgresInstance instance,
        IOptions<PersistenceOptions> persistence,
        IOptions<WorkerOptions> workers,
        TimeProvider timeProvider,
        ILogger<PostgresWorkQueue> logger)
    {
        _timeProvider = timeProvider;
        _leases = new PostgresLeases(dataSource, instance, persistence);
        _heartbeat = new PostgresLeaseHeartbeat(_leases, logger);
        _persistence = persistence;
        _workers = workers;
        _logger = logger;
    }

    public int Count => _ready.Reader.Count;

    public ChannelReader<ItemWork> Reader => _ready.Reader;

    public async ValueTask<IQueueReservation?> TryReserveAsync(int count, CancellationToken cancellationToken)
    {
        if (_closed)
        {
            return null;
        }

        var capacity = _workers.Value.QueueCapacity;
        var poll = _persistence.Value.PollIntervalMs;

        // Room is taken from the last count while it is younger than the poll interval; a submit it would refuse counts
        // again unless the count is younger than a tenth of that. Submits of other instances since the last count are
        // not in it, and finished items leave it only with the next count.
        var taken = TryTake(count, capacity, poll);
        if (taken is false)
        {
            taken = TryTake(count, capacity, poll / 10);
        }

        taken ??= TryTakeCounted(count, capacity, await PostgresErrors.GuardAsync(() => _leases.CountUnfinishedAsync(capacity + 1, cancellationToken)));
        return taken.Value ? new Reservation(_wake) : null;
    }

    /// <summary>Null when the last count is older than <paramref name="maxAgeMs"/>.</summary>
    private bool? TryTake(int count, int capacity, long maxAgeMs)
    {
        lock (_fillLock)
        {
            return _fillCountedAt is not { } countedAt || _timeProvider.GetElapsedTime(countedAt).TotalMilliseconds > maxAgeMs ? null : Take(count, capacity);
        }
    }

    private bool TryTakeCounted(int count, int capacity, long counted)
    {
        lock (_fillLock)
        {
            (_fill, _fillCountedAt) = (counted, _timeProvider.GetTimestamp());
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

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _dispatcher = Task.Run(DispatchAsync, CancellationToken.None);
        _heartbeat.Start();
        return Task.CompletedTask;
    }

    public void MarkTaken()
    {
        // Claimed items count as in flight from the claim until CompleteAsync.
    }

    /// <summary>The lease goes back with the dispatcher's next claim, which this wakes.</summary>
    public ValueTask CompleteAsync(ItemWork work)
    {
        _heartbeat.Drop(work);
        _releases.Enqueue(work);
        Interlocked.Decrement(ref _inFlight);
        _wake.Set();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DeferAsync(ItemWork work, TimeSpan delay)
    {
        try
        {
            _heartbeat.Drop(work);
            await _leases.DeferAsync(work, delay);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _wake.Set();
        }
    }

    public async Task CloseAsync()
    {
        _closed = true;
        await _stopClaiming.CancelAsync();
        await _dispatcher;
    }

    /// <summary>Shutdown's last step: unstarted claims go back to the queue and the heartbeat stops.</summary>
    public async ValueTask ReturnUnstartedAsync(IReadOnlyList<ItemWork> unstarted)
    {
        try
        {
            foreach (var work in unstarted)
            {
                _heartbeat.Drop(work);
            }

            await _leases.ReleaseAsync([.. unstarted, .. DrainReleases()]);
            Interlocked.Add(ref _inFlight, -unstarted.Count);
        }
        finally
        {
            await _heartbeat.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The container disposes this once per registration that hands it out (the class and both of its interfaces).
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopClaiming.CancelAsync();
        await Task.WhenAll(_dispatcher, _heartbeat.DisposeAsync().AsTask());
        _stopClaiming.Dispose();
        _wake.Dispose();
    }

    /// <summary>
    /// Keeps the workers' channel stocked: the instance holds up to its worker count plus <see cref="PersistenceOptions.ClaimAhead"/>
    /// items, and claims again once that many are missing (or at once when the channel is empty and a worker may be
    /// idle), so one claim statement serves several items. Releases ride on the claims; an idle poll sends them alone.
    /// </summary>
    private async Task DispatchAsync()
    {
        var token = _stopClaiming.Token;
        var poll = TimeSpan.FromMilliseconds(_persistence.Value.PollIntervalMs);
        var ahead = _persistence.Value.ClaimAheadFor(_workers.Value.Count);
        var batch = Math.Max(1, ahead);
        var idle = false;
        while (!token.IsCancellationRequested)
        {
            try
            {
                var free = _workers.Value.Count + ahead - Volatile.Read(ref _inFlight);
                var claimNow = free >= batch || (free > 0 && _ready.Reader.Count == 0);
                var releases = claimNow || idle ? DrainReleases() : [];
                IReadOnlyList<ItemWork> claimed = [];
                if (claimNow || releases.Count > 0)
                {
                    try
                    {
                        claimed = await _leases.ClaimAsync(claimNow ? free : 0, releases, token);
                    }
                    catch
                    {
                        foreach (var release in releases)
                        {
                            _releases.Enqueue(release);
                        }

                        throw;
                    }
                }

                foreach (var work in claimed)
                {
                    // A lease that ran out while the database was away comes back to this instance while its worker
                    // still runs the item: the claim renews the lease, but a second worker must not start it.
                    if (!_heartbeat.TryHold(work))
                    {
                        continue;
                    }

                    Interlocked.Increment(ref _inFlight);
                    _ready.Writer.TryWrite(work);
                }

                // A full claim looks again at once (it finds nothing free and waits then); anything else waits for a
                // submit or a finished item, or for the poll interval, which makes the next round send the releases.
                var full = claimNow && claimed.Count == free;
                idle = !full && !await _wake.WaitAsync(poll, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (PostgresErrors.IsUnavailable(exception))
            {
                Log.ClaimFailed(_logger, exception.Message);
                await Task.Delay(poll * 4, token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private List<ItemWork> DrainReleases()
    {
        var releases = new List<ItemWork>();
        while (_releases.TryDequeue(out var work))
        {
            releases.Add(work);
        }

        return releases;
    }

    /// <summary>The items are in the database already (stored by the repository); enqueueing only wakes the dispatcher.</summary>
    private sealed class Reservation(WakeSignal wake) : IQueueReservation
    {
        public void Enqueue(ItemWork work) => wake.Set();

        public void Dispose()
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not claim work from PostgreSQL: {Reason}")]
        public static partial void ClaimFailed(ILogger logger, string reason);
    }
}
