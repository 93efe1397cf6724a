using System.Threading.Channels;
using DataOrchestrator.Application.Workers;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Infrastructure.Workers;

/// <summary>
/// A bounded channel of item work. Room is reserved for a whole orchestration before it is stored, so a request
/// is either queued whole or refused with 503; writes into reserved room never block and never fail. An item put back
/// to wait for its connector holds room again (it is accepted work) and is written back when its wait is over.
/// </summary>
internal sealed class ChannelOrchestrationQueue : IOrchestrationQueue, IWorkSource
{
    private readonly Channel<ItemWork> _channel;
    private readonly int _capacity;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<ItemWork, ITimer> _deferred = [];
    private readonly Lock _deferredLock = new();
    private int _used;
    private volatile bool _closed;

    public ChannelOrchestrationQueue(IOptions<WorkerOptions> options, TimeProvider? timeProvider = null)
    {
        _capacity = options.Value.QueueCapacity;
        _timeProvider = timeProvider ?? TimeProvider.System;

        // Beyond the capacity, room for what the workers hold: each may put its item back after new work filled the queue.
        _channel = Channel.CreateBounded<ItemWork>(new BoundedChannelOptions(_capacity + options.Value.Count)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    public int Count => _channel.Reader.Count;

    public ChannelReader<ItemWork> Reader => _channel.Reader;

    public ValueTask<IQueueReservation?> TryReserveAsync(int count, CancellationToken cancellationToken) => ValueTask.FromResult(TryReserve(count));

    public IQueueReservation? TryReserve(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        while (!_closed)
        {
            var used = Volatile.Read(ref _used);
            if (used + count > _capacity)
            {
                return null;
            }

            if (Interlocked.CompareExchange(ref _used, used + count, used) == used)
            {
                return new Reservation(this, count);
            }
        }

        return null;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A worker took an item out: its room is free again.</summary>
    public void MarkTaken() => Interlocked.Decrement(ref _used);

    public ValueTask CompleteAsync(ItemWork work) => ValueTask.CompletedTask;

    public ValueTask DeferAsync(ItemWork work, TimeSpan delay)
    {
        Interlocked.Increment(ref _used);
        lock (_deferredLock)
        {
            if (!_closed)
            {
                _deferred[work] = _timeProvider.CreateTimer(_ => WriteBack(work), null, delay, Timeout.InfiniteTimeSpan);
                return ValueTask.CompletedTask;
            }
        }

        _channel.Writer.TryWrite(work);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Stops accepting new reservations; work already queued stays readable, and items waiting for their connector are
    /// queued now, so shutdown finds them with the other unstarted work.
    /// </summary>
    public Task CloseAsync()
    {
        ItemWork[] waiting;
        lock (_deferredLock)
        {
            _closed = true;
            waiting = [.. _deferred.Keys];
        }

        foreach (var work in waiting)
        {
            WriteBack(work);
        }

        return Task.CompletedTask;
    }

    private void WriteBack(ItemWork work)
    {
        lock (_deferredLock)
        {
            if (!_deferred.Remove(work, out var timer))
            {
                return;
            }

            timer.Dispose();
        }

        _channel.Writer.TryWrite(work);
    }

    public ValueTask ReturnUnstartedAsync(IReadOnlyList<ItemWork> unstarted) => ValueTask.CompletedTask;

    private sealed class Reservation(ChannelOrchestrationQueue queue, int count) : IQueueReservation
    {
        private int _remaining = count;

        public void Enqueue(ItemWork work)
        {
            if (_remaining == 0)
            {
                throw new InvalidOperationException("The reservation is used up.");
            }

            if (!queue._channel.Writer.TryWrite(work))
            {
                throw new InvalidOperationException("A reserved slot was not available; the queue accounting is broken.");
            }

            _remaining--;
        }

        public void Dispose()
        {
            if (_remaining > 0)
            {
                Interlocked.Add(ref queue._used, -_remaining);
                _remaining = 0;
            }
        }
    }
}
