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
/// claim (one statement for both); admission is <see cref="PostgresAdmission"/>'s (issue 17: few statements per item).
/// </summary>
internal sealed class PostgresWorkQueue : IOrchestrationQueue, IWorkSource, IAsyncDisposable
{
    private readonly PostgresLeases _leases;
    private readonly PostgresLeaseHeartbeat _heartbeat;
    private readonly PostgresAdmission _admission;
    private readonly PostgresClaimDispatcher _dispatcher;
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
        _leases = new PostgresLeases(dataSource, instance, persistence);
        _admission = new PostgresAdmission(_leases, persistence, workers, timeProvider);
        _heartbeat = new PostgresLeaseHeartbeat(_leases, logger);
        _dispatcher = new PostgresClaimDispatcher(
            _leases,
            _heartbeat,
            workers.Value.Count,
            persistence.Value.ClaimAheadFor(workers.Value.Count),
            TimeSpan.FromMilliseconds(persistence.Value.PollIntervalMs),
            logger);
    }

    public int Count => _dispatcher.Reader.Count;

    public ChannelReader<ItemWork> Reader => _dispatcher.Reader;

    public async ValueTask<IQueueReservation?> TryReserveAsync(int count, CancellationToken cancellationToken)
    {
        if (_closed)
        {
            return null;
        }

        return await _admission.TryTakeAsync(count, cancellationToken) ? new Reservation(_dispatcher) : null;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _dispatcher.Start();
        _heartbeat.Start();
        return Task.CompletedTask;
    }

    public void MarkTaken()
    {
        // Claimed items count as in flight from the claim until CompleteAsync.
    }

    public ValueTask CompleteAsync(ItemWork work)
    {
        _heartbeat.Drop(work);
        _dispatcher.Release(work);
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
            _dispatcher.Finished(1);
        }
    }

    public async Task CloseAsync()
    {
        _closed = true;
        await _dispatcher.StopAsync();
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

            await _leases.ReleaseAsync([.. unstarted, .. _dispatcher.DrainReleases()]);
            _dispatcher.Finished(unstarted.Count);
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

        await Task.WhenAll(_dispatcher.StopAsync(), _heartbeat.DisposeAsync().AsTask());
        _dispatcher.Dispose();
    }

    /// <summary>The items are in the database already (stored by the repository); enqueueing only wakes the dispatcher.</summary>
    private sealed class Reservation(PostgresClaimDispatcher dispatcher) : IQueueReservation
    {
        public void Enqueue(ItemWork work) => dispatcher.Wake();

        public void Dispose()
        {
        }
    }
}
