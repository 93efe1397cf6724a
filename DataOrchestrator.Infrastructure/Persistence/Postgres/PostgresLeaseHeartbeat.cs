using System.Collections.Concurrent;
using DataOrchestrator.Application.Workers;
using Microsoft.Extensions.Logging;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// Keeps the leases of the items this instance holds (claimed and not yet completed) from running out while they run:
/// extends them every third of a lease.
/// </summary>
internal sealed partial class PostgresLeaseHeartbeat(PostgresLeases leases, ILogger logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ItemWork, byte> _held = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _beating = Task.CompletedTask;
    private int _disposed;

    /// <summary>False when the item is held already.</summary>
    public bool TryHold(ItemWork work) => _held.TryAdd(work, 0);

    public void Drop(ItemWork work) => _held.TryRemove(work, out _);

    public void Start() => _beating = Task.Run(BeatAsync, CancellationToken.None);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _beating;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync();
        _stop.Dispose();
    }

    private async Task BeatAsync()
    {
        var token = _stop.Token;
        using var timer = new PeriodicTimer(leases.Lease / 3);
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
                    await leases.ExtendAsync(held, token);
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

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not extend the leases of running items: {Reason}")]
        public static partial void HeartbeatFailed(ILogger logger, string reason);
    }
}
