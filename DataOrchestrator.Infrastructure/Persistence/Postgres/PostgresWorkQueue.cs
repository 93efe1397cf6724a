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
/// (<c>FOR UPDATE SKIP LOCKED</c>, so instances never claim the same row) under a lease that a heartbeat extends while
/// the items run; items whose lease expired (their instance died) are claimed like new ones. Local submits wake the
/// dispatcher at once, other instances' within the poll interval.
/// </summary>
internal sealed partial class PostgresWorkQueue(
    NpgsqlDataSource dataSource,
    PostgresInstance instance,
    IOptions<PersistenceOptions> persistence,
    IOptions<WorkerOptions> workers,
    ILogger<PostgresWorkQueue> logger) : IOrchestrationQueue, IWorkSource, IAsyncDisposable
{
    private readonly Channel<ItemWork> _ready = Channel.CreateUnbounded<ItemWork>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly WakeSignal _wake = new();
    private readonly CancellationTokenSource _stopClaiming = new();
    private readonly CancellationTokenSource _stopHeartbeat = new();

    // Claimed and not yet completed: the only items whose leases the heartbeat may extend.
    private readonly ConcurrentDictionary<ItemWork, byte> _held = new();
    private Task _dispatcher = Task.CompletedTask;
    private Task _heartbeat = Task.CompletedTask;
    private int _inFlight;
    private int _disposed;
    private volatile bool _closed;

    public int Count => _ready.Reader.Count;

    public ChannelReader<ItemWork> Reader => _ready.Reader;

    private TimeSpan Lease => persistence.Value.Lease;

    public async ValueTask<IQueueReservation?> TryReserveAsync(int count, CancellationToken cancellationToken)
    {
        if (_closed)
        {
            return null;
        }

        var capacity = workers.Value.QueueCapacity;
        var pending = await PostgresErrors.GuardAsync(async () =>
        {
            await using var command = dataSource.CreateCommand(
                "SELECT count(*) FROM (SELECT 1 FROM orchestration_items WHERE NOT finished LIMIT @cap) pending");
            command.Parameters.AddWithValue("cap", capacity + 1);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        });
        return pending + count > capacity ? null : new Reservation(this);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _dispatcher = Task.Run(DispatchAsync, CancellationToken.None);
        _heartbeat = Task.Run(HeartbeatAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public void MarkTaken()
    {
        // Claimed items count as in flight from the claim until CompleteAsync.
    }

    public async ValueTask CompleteAsync(ItemWork work)
    {
        try
        {
            _held.TryRemove(work, out _);
            await ReleaseAsync([work]);
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
                _held.TryRemove(work, out _);
            }

            await ReleaseAsync(unstarted);
            Interlocked.Add(ref _inFlight, -unstarted.Count);
        }
        finally
        {
            await _stopHeartbeat.CancelAsync();
            await _heartbeat;
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
        await _stopHeartbeat.CancelAsync();
        await Task.WhenAll(_dispatcher, _heartbeat);
        _stopClaiming.Dispose();
        _stopHeartbeat.Dispose();
        _wake.Dispose();
    }

    private async Task DispatchAsync()
    {
        var token = _stopClaiming.Token;
        var poll = TimeSpan.FromMilliseconds(persistence.Value.PollIntervalMs);
        while (!token.IsCancellationRequested)
        {
            try
            {
                var free = workers.Value.Count - Volatile.Read(ref _inFlight);
                var claimed = free > 0 ? await ClaimAsync(free, token) : [];
                foreach (var work in claimed)
                {
                    // A lease that ran out while the database was away comes back to this instance while its worker
                    // still runs the item: the claim renews the lease, but a second worker must not start it.
                    if (!_held.TryAdd(work, 0))
                    {
                        continue;
                    }

                    Interlocked.Increment(ref _inFlight);
                    _ready.Writer.TryWrite(work);
                }

                if (claimed.Count == 0 || claimed.Count == free)
                {
                    await _wake.WaitAsync(poll, token);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (PostgresErrors.IsUnavailable(exception))
            {
                Log.ClaimFailed(logger, exception.Message);
                await Task.Delay(poll * 4, token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<IReadOnlyList<ItemWork>> ClaimAsync(int count, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE orchestration_items i
            SET lease_owner = @owner, lease_expires_at = now() + @lease
            FROM (
                SELECT orchestration_id, item_index FROM orchestration_items
                WHERE NOT finished AND (lease_expires_at IS NULL OR lease_expires_at < now())
                ORDER BY queue_position
                LIMIT @count
                FOR UPDATE SKIP LOCKED) claimable
            WHERE i.orchestration_id = claimable.orchestration_id AND i.item_index = claimable.item_index
            RETURNING i.orchestration_id, i.item_index, i.queue_position
            """);
        command.Parameters.AddWithValue("owner", instance.Id);
        command.Parameters.AddWithValue("lease", Lease);
        command.Parameters.AddWithValue("count", count);
        var claimed = new List<(ItemWork Work, long Position)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add((new ItemWork(reader.GetGuid(0), reader.GetInt32(1)), reader.GetInt64(2)));
        }

        return claimed.OrderBy(c => c.Position).Select(c => c.Work).ToArray();
    }

    private async Task HeartbeatAsync()
    {
        var token = _stopHeartbeat.Token;
        using var timer = new PeriodicTimer(Lease / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                // Not every row this instance owns: a row whose release failed (the database was away) is no longer worked
                // on here, and extending its lease would keep it from everyone, this instance included, for good.
                var held = _held.Keys.ToArray();
                if (held.Length == 0)
                {
                    continue;
                }

                try
                {
                    await using var command = dataSource.CreateCommand(
                        """
                        UPDATE orchestration_items i SET lease_expires_at = now() + @lease
                        FROM unnest(@ids, @indexes) AS w (orchestration_id, item_index)
                        WHERE i.orchestration_id = w.orchestration_id AND i.item_index = w.item_index AND i.lease_owner = @owner AND NOT i.finished
                        """);
                    command.Parameters.AddWithValue("ids", held.Select(w => w.OrchestrationId).ToArray());
                    command.Parameters.AddWithValue("indexes", held.Select(w => w.ItemIndex).ToArray());
                    command.Parameters.AddWithValue("owner", instance.Id);
                    command.Parameters.AddWithValue("lease", Lease);
                    await command.ExecuteNonQueryAsync(token);
                }
                catch (Exception exception) when (PostgresErrors.IsUnavailable(exception))
                {
                    Log.HeartbeatFailed(logger, exception.Message);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task ReleaseAsync(IReadOnlyList<ItemWork> works)
    {
        if (works.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            """
            UPDATE orchestration_items i SET lease_owner = NULL, lease_expires_at = NULL
            FROM unnest(@ids, @indexes) AS w (orchestration_id, item_index)
            WHERE i.orchestration_id = w.orchestration_id AND i.item_index = w.item_index AND i.lease_owner = @owner
            """);
        command.Parameters.AddWithValue("ids", works.Select(w => w.OrchestrationId).ToArray());
        command.Parameters.AddWithValue("indexes", works.Select(w => w.ItemIndex).ToArray());
        command.Parameters.AddWithValue("owner", instance.Id);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>The items are in the database already (stored by the repository); enqueueing only wakes the dispatcher.</summary>
    private sealed class Reservation(PostgresWorkQueue queue) : IQueueReservation
    {
        public void Enqueue(ItemWork work) => queue._wake.Set();

        public void Dispose()
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not claim work from PostgreSQL: {Reason}")]
        public static partial void ClaimFailed(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not extend the leases of running items: {Reason}")]
        public static partial void HeartbeatFailed(ILogger logger, string reason);
    }
}
