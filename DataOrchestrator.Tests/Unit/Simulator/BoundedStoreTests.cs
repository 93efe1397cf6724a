using System.Collections.Concurrent;
using DataOrchestrator.EdcSimulator;

namespace DataOrchestrator.Tests.Unit.Simulator;

/// <summary>The bounded store behind the simulator's transfers and negotiations.</summary>
public sealed class BoundedStoreTests
{
    [Test]
    public void ShouldForgetTheOldestFirst_WhenTheCapacityIsExceeded()
    {
        var evicted = new List<string>();
        var store = new BoundedStore<Item>(3, item => item.Id, item => evicted.Add(item.Id));

        foreach (var id in new[] { "a", "b", "c", "d", "e" })
        {
            store.Add(new Item(id));
        }

        Assert.Multiple(() =>
        {
            Assert.That(evicted, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(store.Snapshot().Select(item => item.Id), Is.EqualTo(new[] { "c", "d", "e" }));
            Assert.That(store.TryGet("a", out _), Is.False);
            Assert.That(store.TryGet("b", out _), Is.False);
            Assert.That(store.TryGet("e", out var newest) ? newest.Id : null, Is.EqualTo("e"));
        });
    }

    [Test]
    public void ShouldKeepTheLaterItem_WhenAnEvictedItemSharedItsId()
    {
        var store = new BoundedStore<Item>(2, item => item.Id);
        var replacement = new Item("a");

        store.Add(new Item("a"));
        store.Add(replacement);
        store.Add(new Item("b"));

        Assert.That(store.TryGet("a", out var found) ? found : null, Is.SameAs(replacement));
    }

    [Test]
    public void ShouldStayWithinTheCapacity_WhenManyThreadsAddAtOnce()
    {
        const int capacity = 100;
        const int total = 40_000;
        var evicted = new ConcurrentBag<Item>();
        var store = new BoundedStore<Item>(capacity, item => item.Id, evicted.Add);

        Parallel.For(0, total, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => store.Add(new Item($"item-{i}")));

        var kept = store.Snapshot();
        Assert.Multiple(() =>
        {
            Assert.That(kept, Has.Count.InRange(1, capacity));
            Assert.That(kept.Count + evicted.Count, Is.EqualTo(total), "every item is either kept or reported evicted");
            Assert.That(kept.All(item => store.TryGet(item.Id, out _)), Is.True, "kept items are found");
            Assert.That(evicted.Any(item => store.TryGet(item.Id, out _)), Is.False, "evicted items are not");
        });
    }

    [Test]
    public void ShouldRejectACapacityBelowOne()
    {
        Assert.That(() => new BoundedStore<Item>(0, item => item.Id), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    // A class, not a record: stored items, like transfers, are told apart by reference.
    private sealed class Item(string id)
    {
        public string Id { get; } = id;
    }
}
