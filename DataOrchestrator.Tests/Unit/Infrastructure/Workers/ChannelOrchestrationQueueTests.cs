using DataOrchestrator.Application.Workers;
using DataOrchestrator.Infrastructure.Workers;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Workers;

public sealed class ChannelOrchestrationQueueTests
{
    private static ChannelOrchestrationQueue Queue(int capacity) => new(Options.Create(new WorkerOptions { QueueCapacity = capacity }));

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
}
