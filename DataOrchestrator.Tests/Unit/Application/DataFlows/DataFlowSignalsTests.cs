using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Domain.DataFlows;
using DataOrchestrator.Infrastructure.Persistence;
using Microsoft.Extensions.Time.Testing;

namespace DataOrchestrator.Tests.Unit.Application.DataFlows;

public sealed class DataFlowSignalsTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch.AddYears(56));
    private InMemoryDataFlowStore _store = null!;
    private DataFlowSignals _signals = null!;

    [SetUp]
    public void SetUp()
    {
        _store = new InMemoryDataFlowStore();
        _signals = new DataFlowSignals(_store, _time);
    }

    [Test]
    public async Task ShouldRecordAPrepareUnclaimed_AndMatchItWhenTheWorkerClaimsTheTransfer()
    {
        var prepared = await _signals.PrepareAsync("tp-1", "http://cp.example/api/signaling", CancellationToken.None);
        var claimed = await _signals.ClaimAsync("tp-1", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(prepared.Status, Is.EqualTo(SignalStatus.Done));
            Assert.That(prepared.Flow!.Claimed, Is.False);
            Assert.That(claimed.Claimed, Is.True);
            Assert.That(claimed.State, Is.EqualTo(DataFlowState.Prepared));
            Assert.That(claimed.CallbackAddress, Is.EqualTo("http://cp.example/api/signaling"));
        });
    }

    [Test]
    public async Task ShouldCreateAClaimedFlow_WhenTheWorkerClaimsBeforeAnyPrepare()
    {
        var claimed = await _signals.ClaimAsync("tp-1", CancellationToken.None);
        var prepared = await _signals.PrepareAsync("tp-1", null, CancellationToken.None);

        Assert.That((claimed.State, prepared.Flow!.State, prepared.Flow.Claimed), Is.EqualTo((DataFlowState.Initialized, DataFlowState.Prepared, true)));
    }

    [Test]
    public async Task ShouldAnswerNotFound_ForASignalToAFlowNobodyPreparedOrClaimed() =>
        Assert.That((await _signals.StartedAsync("tp-x", "{}", CancellationToken.None)).Status, Is.EqualTo(SignalStatus.NotFound));

    [Test]
    public async Task ShouldStoreTheAddress_AndReplaceItOnResume()
    {
        await _signals.ClaimAsync("tp-1", CancellationToken.None);
        await _signals.StartedAsync("tp-1", "{\"a\":1}", CancellationToken.None);
        await _signals.SuspendAsync("tp-1", "maintenance", CancellationToken.None);
        var suspended = await _store.FindAsync("tp-1", CancellationToken.None);
        var resumed = await _signals.ResumeAsync("tp-1", "{\"a\":2}", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(suspended!.Reason, Is.EqualTo("maintenance"));
            Assert.That(suspended.DataAddress, Is.EqualTo("{\"a\":1}"));
            Assert.That(resumed.Flow!.DataAddress, Is.EqualTo("{\"a\":2}"));
            Assert.That(resumed.Flow.State, Is.EqualTo(DataFlowState.Started));
        });
    }

    [Test]
    public async Task ShouldAnswerConflict_WhenTheSignalIsNotAllowedInTheFlowsState()
    {
        await _signals.ClaimAsync("tp-1", CancellationToken.None);
        await _signals.TerminateAsync("tp-1", "gone", CancellationToken.None);

        var started = await _signals.StartedAsync("tp-1", "{}", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(started.Status, Is.EqualTo(SignalStatus.Conflict));
            Assert.That(started.Reason, Does.Contain("TERMINATED"));
        });
    }

    [Test]
    public async Task ShouldDropUnclaimedPreparesAfterTheirLifetime_WhenANewPrepareArrives()
    {
        await _signals.PrepareAsync("tp-stale", null, CancellationToken.None);
        _time.Advance(DataFlowSignals.UnclaimedLifetime + TimeSpan.FromMinutes(1));

        await _signals.PrepareAsync("tp-new", null, CancellationToken.None);

        Assert.That(await _store.FindAsync("tp-stale", CancellationToken.None), Is.Null);
    }
}
