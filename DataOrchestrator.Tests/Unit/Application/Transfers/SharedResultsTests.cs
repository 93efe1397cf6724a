using DataOrchestrator.Application.Transfers;
using Microsoft.Extensions.Time.Testing;

namespace DataOrchestrator.Tests.Unit.Application.Transfers;

public sealed class SharedResultsTests
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new();
    private int _starts;

    private SharedResults<string> Results(Func<Exception, bool>? keepsFailure = null) => new(_time, KeepFor, keepsFailure);

    private Func<Task<string>> Counted(Func<Task<string>> start) => () =>
    {
        Interlocked.Increment(ref _starts);
        return start();
    };

    private Func<Task<string>> Answer(string value) => Counted(() => Task.FromResult(value));

    [Test]
    public async Task ShouldStartOnce_AndGiveEveryCallerItsResult_WhenCallersAskForOneKeyAtOnce()
    {
        var results = Results();
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Released together, the callers continue on pool threads at once (without blocking any, which a small pool would not survive).
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 8).Select(async _ =>
        {
            await go.Task;
            return await results.GetOrStartAsync("key", Counted(() => answer.Task), CancellationToken.None);
        }).ToArray();

        go.SetResult();
        await Task.Delay(50);
        answer.SetResult("tp-1");
        var got = await Task.WhenAll(callers).WaitAsync(Patience);

        Assert.Multiple(() =>
        {
            Assert.That(_starts, Is.EqualTo(1));
            Assert.That(got, Is.All.EqualTo("tp-1"));
            Assert.That(results.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task ShouldStartEachKeyOnItsOwn()
    {
        var results = Results();

        var first = await results.GetOrStartAsync("a", Answer("tp-a"), CancellationToken.None);
        var second = await results.GetOrStartAsync("b", Answer("tp-b"), CancellationToken.None);

        Assert.That((first, second, _starts), Is.EqualTo(("tp-a", "tp-b", 2)));
    }

    [Test]
    public async Task ShouldShareAnEndedResult_UntilKeepForHasPassedSinceItEnded()
    {
        var results = Results();
        await results.GetOrStartAsync("key", Answer("tp-1"), CancellationToken.None);

        _time.Advance(KeepFor);
        var kept = await results.GetOrStartAsync("key", Answer("tp-2"), CancellationToken.None);
        _time.Advance(TimeSpan.FromTicks(1));
        var renewed = await results.GetOrStartAsync("key", Answer("tp-3"), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That((kept, renewed), Is.EqualTo(("tp-1", "tp-3")));
            Assert.That(_starts, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task ShouldDropExpiredEntriesOfOtherKeys_WhenAsked()
    {
        var results = Results();
        await results.GetOrStartAsync("a", Answer("tp-a"), CancellationToken.None);
        await results.GetOrStartAsync("b", Answer("tp-b"), CancellationToken.None);

        _time.Advance(KeepFor + TimeSpan.FromSeconds(1));
        await results.GetOrStartAsync("c", Answer("tp-c"), CancellationToken.None);

        Assert.That(results.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldNotExpireAStart_WhileItRuns()
    {
        var results = Results();
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = results.GetOrStartAsync("key", Counted(() => answer.Task), CancellationToken.None);

        _time.Advance(KeepFor * 10);
        var second = results.GetOrStartAsync("key", Answer("tp-2"), CancellationToken.None);
        answer.SetResult("tp-1");

        Assert.Multiple(async () =>
        {
            Assert.That(await first.WaitAsync(Patience), Is.EqualTo("tp-1"));
            Assert.That(await second.WaitAsync(Patience), Is.EqualTo("tp-1"));
            Assert.That(_starts, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task ShouldGiveTheFailureToItsWaiters_AndStartAgainForTheNextCaller_WhenAStartFails()
    {
        var results = Results();
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = results.GetOrStartAsync("key", Counted(() => answer.Task), CancellationToken.None);
        var second = results.GetOrStartAsync("key", Answer("unused"), CancellationToken.None);

        answer.SetException(new TimeoutException("connector down"));

        Assert.That(async () => await first.WaitAsync(Patience), Throws.InstanceOf<TimeoutException>());
        Assert.That(async () => await second.WaitAsync(Patience), Throws.InstanceOf<TimeoutException>());
        Assert.That(results.Count, Is.Zero, "a failed start is not kept");
        Assert.That(await results.GetOrStartAsync("key", Answer("tp-2"), CancellationToken.None), Is.EqualTo("tp-2"));
        Assert.That(_starts, Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldDropAFailedStart_EvenWhenNoOneWaitsForItAnyMore()
    {
        var results = Results();
        using var cancel = new CancellationTokenSource();
        // Continuations run inline, so the store has seen the failure when SetException returns.
        var answer = new TaskCompletionSource<string>();
        var gaveUp = results.GetOrStartAsync("key", Counted(() => answer.Task), cancel.Token);
        await cancel.CancelAsync();
        Assert.That(async () => await gaveUp, Throws.InstanceOf<OperationCanceledException>());

        answer.SetException(new TimeoutException("connector down"));

        Assert.That(await results.GetOrStartAsync("key", Answer("tp-2"), CancellationToken.None).WaitAsync(Patience), Is.EqualTo("tp-2"));
    }

    [Test]
    public async Task ShouldShareAFailureThatCountsAsAnAnswer_UntilItExpires()
    {
        var results = Results(failure => failure is InvalidOperationException);
        var failing = Counted(() => Task.FromException<string>(new InvalidOperationException("no such asset")));

        Assert.That(async () => await results.GetOrStartAsync("key", failing, CancellationToken.None), Throws.InvalidOperationException);
        Assert.That(async () => await results.GetOrStartAsync("key", Answer("unused"), CancellationToken.None), Throws.InvalidOperationException);
        _time.Advance(KeepFor + TimeSpan.FromSeconds(1));
        var renewed = await results.GetOrStartAsync("key", Answer("tp-2"), CancellationToken.None);

        Assert.That((renewed, _starts), Is.EqualTo(("tp-2", 2)));
    }

    [Test]
    public async Task ShouldEndOnlyTheCancelledCallersWait_AndGoOnWithTheStartForTheOthers()
    {
        var results = Results();
        using var cancel = new CancellationTokenSource();
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = results.GetOrStartAsync("key", Counted(() => answer.Task), cancel.Token);
        var waiting = results.GetOrStartAsync("key", Answer("unused"), CancellationToken.None);

        await cancel.CancelAsync();
        Assert.That(async () => await cancelled, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(waiting.IsCompleted, Is.False);
        answer.SetResult("tp-1");

        Assert.That(await waiting.WaitAsync(Patience), Is.EqualTo("tp-1"));
        Assert.That(await results.GetOrStartAsync("key", Answer("unused"), CancellationToken.None), Is.EqualTo("tp-1"), "kept for the next caller");
        Assert.That(_starts, Is.EqualTo(1));
    }
}
