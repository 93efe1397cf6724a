using DataOrchestrator.Infrastructure.Workers;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Workers;

public sealed class WakeSignalTests
{
    [Test]
    public async Task ShouldReleaseOneWaitOnly_WhenSetManyTimesBeforeIt()
    {
        using var signal = new WakeSignal();
        signal.Set();
        signal.Set();
        signal.Set();

        var first = await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);
        var second = await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.True);
            Assert.That(second, Is.False, "the signals before the first wait were one");
        });
    }

    [Test]
    public async Task ShouldTimeOut_WhenNobodySetsIt()
    {
        using var signal = new WakeSignal();
        Assert.That(await signal.WaitAsync(TimeSpan.FromMilliseconds(20), CancellationToken.None), Is.False);
    }

    [Test]
    public async Task ShouldWakeAWaiter_LongBeforeItsTimeout()
    {
        using var signal = new WakeSignal();
        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.That(waiting.IsCompleted, Is.False);

        signal.Set();

        Assert.That(await waiting.WaitAsync(TimeSpan.FromSeconds(10)), Is.True);
    }

    [Test]
    public void ShouldStopWaiting_WhenCancelled()
    {
        using var signal = new WakeSignal();
        using var cancellation = new CancellationTokenSource();
        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(1), cancellation.Token);

        cancellation.Cancel();

        Assert.That(async () => await waiting, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void ShouldIgnoreASet_AfterDisposal()
    {
        var signal = new WakeSignal();
        signal.Dispose();
        Assert.That(signal.Set, Throws.Nothing);
    }
}
