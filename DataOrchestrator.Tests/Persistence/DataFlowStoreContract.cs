using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Domain.DataFlows;

namespace DataOrchestrator.Tests.Persistence;

/// <summary>
/// What every <see cref="IDataFlowStore"/> must do, against each store (the fixtures below): a flow survives the round
/// trip (its secret address included), a change is stored only over the version it was made from, a waiter sees a
/// change made before it waited and one made while it waits (through another instance of the store), stale flows go,
/// and control plane registrations are kept, replaced and removed.
/// </summary>
public abstract class DataFlowStoreContract
{
    // Databases keep microseconds.
    private static readonly DateTimeOffset Now = new(DateTimeOffset.UtcNow.Ticks / 10 * 10, TimeSpan.Zero);

    private Func<IDataFlowStore> _newStore = null!;

    protected abstract Task<Func<IDataFlowStore>> CreateAsync();

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    [SetUp]
    public async Task SetUpAsync() => _newStore = await CreateAsync();

    [TearDown]
    public Task TearDownAsync() => CleanUpAsync();

    private static DataFlow Flow(string id, DataFlowState state = DataFlowState.Prepared, bool claimed = true, DateTimeOffset? at = null) => new()
    {
        ProcessId = id, State = state, Claimed = claimed, CallbackAddress = "http://cp.example/api/signaling", CreatedAt = at ?? Now, UpdatedAt = at ?? Now,
    };

    [Test]
    public async Task ShouldKeepEveryField_ThroughAddAndFind()
    {
        var store = _newStore();
        var flow = Flow("tp-1") with { DataAddress = "{\"endpoint\":\"https://p.example\"}", Reason = "why", Version = 3 };

        Assert.That(await store.AddAsync(flow, CancellationToken.None), Is.True);
        Assert.That(await _newStore().FindAsync("tp-1", CancellationToken.None), Is.EqualTo(flow));
        Assert.That(await store.FindAsync("tp-2", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task ShouldRefuseASecondFlowWithTheSameProcessId()
    {
        var store = _newStore();
        await store.AddAsync(Flow("tp-1"), CancellationToken.None);

        Assert.That(await _newStore().AddAsync(Flow("tp-1", DataFlowState.Started), CancellationToken.None), Is.False);
        Assert.That((await store.FindAsync("tp-1", CancellationToken.None))!.State, Is.EqualTo(DataFlowState.Prepared));
    }

    [Test]
    public async Task ShouldStoreAChangeOnlyOverTheVersionItWasMadeFrom()
    {
        var store = _newStore();
        var flow = Flow("tp-1");
        await store.AddAsync(flow, CancellationToken.None);
        var started = flow.MoveTo(DataFlowState.Started, Now.AddSeconds(1)) with { DataAddress = "{}" };

        Assert.Multiple(async () =>
        {
            Assert.That(await store.ReplaceAsync(started, CancellationToken.None), Is.True);
            Assert.That(await _newStore().ReplaceAsync(flow.MoveTo(DataFlowState.Terminated, Now), CancellationToken.None), Is.False, "made from an old version");
            Assert.That(await store.ReplaceAsync(Flow("tp-unknown") with { Version = 1 }, CancellationToken.None), Is.False);
            Assert.That(await store.FindAsync("tp-1", CancellationToken.None), Is.EqualTo(started));
        });
    }

    [Test]
    public async Task ShouldReturnAtOnce_WhenTheFlowIsAlreadyAsWaitedFor()
    {
        var store = _newStore();
        await store.AddAsync(Flow("tp-1", DataFlowState.Started) with { DataAddress = "{}" }, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var flow = await _newStore().WaitAsync("tp-1", f => f.State == DataFlowState.Started, timeout.Token);

        Assert.That(flow.DataAddress, Is.EqualTo("{}"));
    }

    [Test]
    public async Task ShouldWakeTheWaiter_WhenTheFlowChangesWhileItWaits()
    {
        var writer = _newStore();
        var flow = Flow("tp-1");
        await writer.AddAsync(flow, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var waiting = _newStore().WaitAsync("tp-1", f => f.State == DataFlowState.Started, timeout.Token);
        var absent = _newStore().WaitAsync("tp-absent", _ => true, timeout.Token);
        await Task.Delay(50);
        Assert.That(waiting.IsCompleted, Is.False);

        await writer.ReplaceAsync(flow.MoveTo(DataFlowState.Started, Now), CancellationToken.None);
        await writer.AddAsync(Flow("tp-absent"), CancellationToken.None);

        Assert.That((await waiting).State, Is.EqualTo(DataFlowState.Started));
        Assert.That((await absent).ProcessId, Is.EqualTo("tp-absent"), "a flow that did not exist yet");
    }

    [Test]
    public async Task ShouldStopWaiting_WhenCancelled()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.That(
            async () => await _newStore().WaitAsync("tp-never", _ => true, cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task ShouldRemoveUnclaimedAndLongFinishedFlows_AndKeepTheRest()
    {
        var store = _newStore();
        await store.AddAsync(Flow("old-unclaimed", claimed: false, at: Now.AddHours(-2)), CancellationToken.None);
        await store.AddAsync(Flow("new-unclaimed", claimed: false), CancellationToken.None);
        await store.AddAsync(Flow("old-claimed-running", DataFlowState.Started, at: Now.AddDays(-30)), CancellationToken.None);
        await store.AddAsync(Flow("old-finished", DataFlowState.Completed, at: Now.AddDays(-30)), CancellationToken.None);
        await store.AddAsync(Flow("new-finished", DataFlowState.Terminated), CancellationToken.None);

        var removed = await _newStore().RemoveStaleAsync(Now.AddHours(-1), Now.AddDays(-7), CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(removed, Is.EqualTo(2));
            Assert.That(await store.FindAsync("old-unclaimed", CancellationToken.None), Is.Null);
            Assert.That(await store.FindAsync("old-finished", CancellationToken.None), Is.Null);
            Assert.That(await store.FindAsync("new-unclaimed", CancellationToken.None), Is.Not.Null);
            Assert.That(await store.FindAsync("old-claimed-running", CancellationToken.None), Is.Not.Null);
            Assert.That(await store.FindAsync("new-finished", CancellationToken.None), Is.Not.Null);
        });
    }

    [Test]
    public async Task ShouldKeepReplaceAndRemoveControlPlaneRegistrations()
    {
        var store = _newStore();
        await store.PutControlPlaneAsync(new ControlPlaneRegistration("cp-b", "http://b.example", null, Now), CancellationToken.None);
        await store.PutControlPlaneAsync(new ControlPlaneRegistration("cp-a", "http://a.example", "{\"type\":\"none\"}", Now), CancellationToken.None);
        await _newStore().PutControlPlaneAsync(new ControlPlaneRegistration("cp-b", "http://b2.example", null, Now.AddSeconds(1)), CancellationToken.None);

        var listed = await _newStore().ControlPlanesAsync(CancellationToken.None);
        var deleted = await store.DeleteControlPlaneAsync("cp-a", CancellationToken.None);
        var deletedAgain = await store.DeleteControlPlaneAsync("cp-a", CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(listed, Is.EqualTo(new[]
            {
                new ControlPlaneRegistration("cp-a", "http://a.example", "{\"type\":\"none\"}", Now),
                new ControlPlaneRegistration("cp-b", "http://b2.example", null, Now.AddSeconds(1)),
            }));
            Assert.That(deleted, Is.True);
            Assert.That(deletedAgain, Is.False);
            Assert.That((await store.ControlPlanesAsync(CancellationToken.None)).Select(c => c.ControlPlaneId), Is.EqualTo(new[] { "cp-b" }));
        });
    }
}
