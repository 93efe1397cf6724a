using DataOrchestrator.Application.Workers;
using DataOrchestrator.Infrastructure.Workers;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Workers;

public sealed class ChannelOrchestrationQueueTests
{
    private static ChannelOrchestrationQueue Queue(int capacity, TimeProvider? clock = null) =>
        new(Options.Create(new WorkerOptions { QueueCapacity = capacity }), clock);

    [Test]
    public void ShouldRefuseWholeOrchestration_WhenItDoesNotFit()
    {
        var queue = Queue(3);
        using var first = queue.TryReserve(2);
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Not.Null);
            Assert.That(queue.TryReserve(2), Is.Null, "two more items do not fit into the one free slot");
            Assert.That(queue.TryReserve(1), Is.Not.Null);
        });
    }

    [Test]
    public void ShouldGiveBackUnusedRoom_WhenReservationIsDisposed()
    {
        var queue = Queue(2);
        using (var reservation = queue.TryReserve(2)!)
        {
            reservation.Enqueue(new ItemWork(Guid.NewGuid(), 0));
        }

        Assert.Multiple(() =>
        {
            Assert.That(queue.Count, Is.EqualTo(1));
            Assert.That(queue.TryReserve(2), Is.Null);
            Assert.That(queue.TryReserve(1), Is.Not.Null);
        });
    }

    [Test]
    public void ShouldFreeRoom_WhenWorkerTakesItem()
    {
        var queue = Queue(1);
        using (var reservation = queue.TryReserve(1)!)
        {
            reservation.Enqueue(new ItemWork(Guid.NewGuid(), 0));
        }

        Assert.That(queue.TryReserve(1), Is.Null);
        Assert.That(queue.Reader.TryRead(out _), Is.True);
        queue.MarkTaken();
        Assert.That(queue.TryReserve(1), Is.Not.Null);
    }

    [Test]
    public async Task ShouldRefuseEverything_AfterClose()
    {
        var queue = Queue(10);
        await queue.CloseAsync();
        Assert.That(queue.TryReserve(1), Is.Null);
    }

    [Test]
    public async Task ShouldNeverOverbook_UnderConcurrentReservations()
    {
        var queue = Queue(100);
        var granted = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), (_, _) =>
        {
            if (queue.TryReserve(3) is not null)
            {
                Interlocked.Add(ref granted, 3);
            }

            return ValueTask.CompletedTask;
        });

        Assert.That(granted, Is.EqualTo(99));
    }

    [Test]
    public async Task ShouldHoldAWaitingItemOutOfTheQueue_UntilItsDelayHasPassed()
    {
        var clock = new FakeTimeProvider();
        var queue = Queue(1, clock);
        var work = new ItemWork(Guid.NewGuid(), 0);

        await queue.DeferAsync(work, TimeSpan.FromSeconds(2));
        var readableEarly = queue.Reader.TryRead(out _);
        var roomWhileWaiting = queue.TryReserve(1);
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        var readableJustBefore = queue.Reader.TryRead(out _);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(readableEarly, Is.False, "a waiting item is not handed to a worker before its time");
            Assert.That(roomWhileWaiting, Is.Null, "a waiting item is accepted work and keeps its room");
            Assert.That(readableJustBefore, Is.False);
            Assert.That(queue.Reader.TryRead(out var back), Is.True, "the item is queued again once its delay has passed");
            Assert.That(back, Is.EqualTo(work));
        });
    }

    [Test]
    public async Task ShouldQueueWaitingItemsAtOnce_WhenClosed()
    {
        var clock = new FakeTimeProvider();
        var queue = Queue(5, clock);
        var waiting = new ItemWork(Guid.NewGuid(), 1);
        await queue.DeferAsync(waiting, TimeSpan.FromMinutes(5));

        await queue.CloseAsync();
        var queuedAtClose = queue.Reader.TryRead(out var atClose);
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Multiple(() =>
        {
            Assert.That(queuedAtClose, Is.True, "shutdown finds a waiting item with the other unstarted work");
            Assert.That(atClose, Is.EqualTo(waiting));
            Assert.That(queue.Reader.TryRead(out _), Is.False, "its timer does not queue it a second time");
        });
    }

    [Test]
    public async Task ShouldQueueAnItemPutBackAfterClose_AtOnce()
    {
        var queue = Queue(5, new FakeTimeProvider());
        await queue.CloseAsync();
        var work = new ItemWork(Guid.NewGuid(), 0);

        await queue.DeferAsync(work, TimeSpan.FromMinutes(1));

        Assert.That(queue.Reader.TryRead(out var read) && read == work, Is.True, "after close nothing waits on a timer");
    }
}
