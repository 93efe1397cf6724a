using System.Collections.Concurrent;
using System.Threading.Channels;
using DataOrchestrator.Application.Workers;
using DataOrchestrator.Infrastructure.Workers;
using Microsoft.Extensions.Logging;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// Keeps the workers' channel of <see cref="PostgresWorkQueue"/> stocked: the instance holds up to its worker count plus
/// <see cref="PersistenceOptions.ClaimAhead"/> items, and claims again once that many are missing (or at once when the
/// channel is empty and a worker may be idle), so one claim statement serves several items. Items a worker is done with
/// hand their leases back with the next claim; an idle poll sends them alone.
/// </summary>
internal sealed partial class PostgresClaimDispatcher(
    PostgresLeases leases,
    PostgresLeaseHeartbeat heartbeat,
    int workers,
    int ahead,
    TimeSpan poll,
    ILogger logger) : IDisposable
{
    private readonly Channel<ItemWork> _ready = Channel.CreateUnbounded<ItemWork>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly WakeSignal _wake = new();
    private readonly ConcurrentQueue<ItemWork> _releases = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private int _inFlight;

    public ChannelReader<ItemWork> Reader => _ready.Reader;

    public void Start() => _loop = Task.Run(DispatchAsync, CancellationToken.None);

    public void Wake() => _wake.Set();

    /// <summary>The item's lease goes back with the next claim, which this wakes.</summary>
    public void Release(ItemWork work)
    {
        _releases.Enqueue(work);
        Finished(1);
    }

    /// <summary>Items claimed that are no longer held here (deferred, or handed back at shutdown).</summary>
    public void Finished(int count)
    {
        Interlocked.Add(ref _inFlight, -count);
        _wake.Set();
    }

    /// <summary>Releases not yet sent; the caller sends them.</summary>
    public List<ItemWork> DrainReleases()
    {
        var releases = new List<ItemWork>();
        while (_releases.TryDequeue(out var work))
        {
            releases.Add(work);
        }

        return releases;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public void Dispose()
    {
        _stop.Dispose();
        _wake.Dispose();
    }

    private async Task DispatchAsync()
    {
        var token = _stop.Token;
        var batch = Math.Max(1, ahead);
        var idle = false;
        while (!token.IsCancellationRequested)
        {
            try
            {
                var free = workers + ahead - Volatile.Read(ref _inFlight);
                var claimNow = free >= batch || (free > 0 && _ready.Reader.Count == 0);
                var claimed = await ClaimAsync(claimNow ? free : 0, claimNow || idle ? DrainReleases() : [], token);
                foreach (var work in claimed)
                {
                    // A lease that ran out while the database was away comes back to this instance while its worker
                    // still runs the item: the claim renews the lease, but a second worker must not start it.
                    if (!heartbeat.TryHold(work))
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
                Log.ClaimFailed(logger, exception.Message);
                await Task.Delay(poll * 4, token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One statement for the claim and the releases; releases that could not be sent wait for the next.</summary>
    private async Task<IReadOnlyList<ItemWork>> ClaimAsync(int count, List<ItemWork> releases, CancellationToken token)
    {
        if (count == 0 && releases.Count == 0)
        {
            return [];
        }

        try
        {
            return await leases.ClaimAsync(count, releases, token);
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

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not claim work from PostgreSQL: {Reason}")]
        public static partial void ClaimFailed(ILogger logger, string reason);
    }
}
