using DataOrchestrator.Application.Transfers;

namespace DataOrchestrator.Tests.Unit.Application.Transfers;

public sealed class KeyedLockTests
{
    private readonly KeyedLock _locks = new();

    [Test]
    public async Task ShouldMakeTheSecondHolderOfAKeyWait_UntilTheFirstReleases()
    {
        var first = await _locks.AcquireAsync("edr-1", CancellationToken.None);
        var second = _locks.AcquireAsync("edr-1", CancellationToken.None);
        await Task.Yield();
        Assert.That(second.IsCompleted, Is.False, "the key is held");

        first.Dispose();
        using var held = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(_locks.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldNotMakeOtherKeysWait()
    {
        using var first = await _locks.AcquireAsync("edr-1", CancellationToken.None);
        using var other = await _locks.AcquireAsync("edr-2", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(_locks.Count, Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldForgetAKey_WhenNoOneHoldsOrWaitsForIt()
    {
        using var cancel = new CancellationTokenSource();
        var first = await _locks.AcquireAsync("edr-1", CancellationToken.None);
        var waiter = _locks.AcquireAsync("edr-1", cancel.Token);
        await cancel.CancelAsync();
        Assert.That(async () => await waiter, Throws.InstanceOf<OperationCanceledException>());

        first.Dispose();
        first.Dispose();

        Assert.That(_locks.Count, Is.Zero, "a cancelled waiter and a released holder leave nothing behind; a second Dispose is harmless");
    }
}
