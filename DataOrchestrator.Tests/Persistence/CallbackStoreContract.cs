using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Tests.Support.Builders;

namespace DataOrchestrator.Tests.Persistence;

/// <summary>
/// What every <see cref="ICallbackStore"/> must do, against each store (the fixtures below): the callback survives the
/// round trip, only due callbacks of finished orchestrations are claimed, a claim goes to one claimer and hides the
/// callback until it runs out, and a late outcome never overwrites a newer attempt.
/// </summary>
public abstract class CallbackStoreContract
{
    private const string Url = "https://client.example/hooks?tenant=7";

    // Databases keep microseconds.
    private static readonly DateTimeOffset Now = new(DateTimeOffset.UtcNow.Ticks / 10 * 10, TimeSpan.Zero);

    private IOrchestrationRepository _repository = null!;
    private Func<ICallbackStore> _newStore = null!;

    protected abstract Task<(IOrchestrationRepository Repository, Func<ICallbackStore> NewStore)> CreateAsync();

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    [SetUp]
    public async Task SetUpAsync() => (_repository, _newStore) = await CreateAsync();

    [TearDown]
    public Task TearDownAsync() => CleanUpAsync();

    private async Task<Orchestration> AddAsync(ItemStatus status, bool withCallback = true)
    {
        var orchestration = new OrchestrationBuilder().WithItem(status).Build() with
        {
            Callback = withCallback ? OrchestrationCallback.Pending(Url, OrchestrationBuilder.CreatedAt) : null,
        };
        await _repository.AddAsync(orchestration, CancellationToken.None);
        return orchestration;
    }

    private Task<Orchestration?> ClaimAsync(DateTimeOffset now, ICallbackStore? store = null) =>
        (store ?? _newStore()).ClaimDueCallbackAsync(now, now.AddSeconds(40), CancellationToken.None);

    [Test]
    public async Task ShouldKeepTheCallbackAndItsDeliveryState_ThroughAddFindAndList()
    {
        var orchestration = await AddAsync(ItemStatus.Saved);
        var claimed = await ClaimAsync(Now);
        var failed = claimed!.Callback!.Fail("HTTP 503", Now.AddSeconds(2));
        await _newStore().RecordCallbackAsync(orchestration.Id, failed, CancellationToken.None);

        var found = await _repository.FindAsync(orchestration.Id, CancellationToken.None);
        var listed = (await _repository.ListAsync(10, null, OrchestrationFilter.None, CancellationToken.None)).Orchestrations.Single(o => o.Id == orchestration.Id);

        Assert.Multiple(() =>
        {
            Assert.That(found!.Callback, Is.EqualTo(failed));
            Assert.That(listed.Callback, Is.EqualTo(failed));
            Assert.That(found.Callback!.Url, Is.EqualTo(Url));
            Assert.That(found.Callback.Attempts, Is.EqualTo(1));
            Assert.That(found.UpdatedAt, Is.EqualTo(orchestration.UpdatedAt), "delivery state is not progress of the orchestration");
        });
    }

    [Test]
    public async Task ShouldClaimOnlyFinishedOrchestrations_WhosePendingCallbackIsDue()
    {
        await AddAsync(ItemStatus.Downloading);
        await AddAsync(ItemStatus.Saved, withCallback: false);
        Assert.That(await ClaimAsync(Now), Is.Null, "unfinished, or without a callback");

        var finished = await AddAsync(ItemStatus.Failed);
        var first = await ClaimAsync(Now);
        var whileClaimed = await ClaimAsync(Now.AddSeconds(39));
        var afterTheClaim = await ClaimAsync(Now.AddSeconds(41));

        Assert.Multiple(() =>
        {
            Assert.That(first?.Id, Is.EqualTo(finished.Id));
            Assert.That(first?.Callback?.Attempts, Is.EqualTo(1), "the claim counts the attempt");
            Assert.That(first?.Items, Has.Count.EqualTo(1), "the whole orchestration, for the body");
            Assert.That(whileClaimed, Is.Null, "hidden while claimed");
            Assert.That(afterTheClaim?.Callback?.Attempts, Is.EqualTo(2), "taken up again once the claim ran out (the sender died)");
        });
    }

    [Test]
    public async Task ShouldClaimAnOrchestrationThatFinishedByAnItemSave()
    {
        var orchestration = await AddAsync(ItemStatus.Downloading);
        await _repository.SaveItemAsync(orchestration.Id, orchestration.Items[0] with { Status = ItemStatus.Saved }, CancellationToken.None);

        Assert.That((await ClaimAsync(Now))?.Id, Is.EqualTo(orchestration.Id));
    }

    [Test]
    public async Task ShouldHandADueCallbackToExactlyOneOfConcurrentClaimers()
    {
        await AddAsync(ItemStatus.Saved);
        var stores = Enumerable.Range(0, 8).Select(_ => _newStore()).ToArray();

        var claims = await Task.WhenAll(stores.Select(store => Task.Run(() => ClaimAsync(Now, store))));

        Assert.That(claims.Count(c => c is not null), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldIgnoreAnOutcome_OfAnAttemptThatIsNoLongerTheLatest()
    {
        var orchestration = await AddAsync(ItemStatus.Saved);
        var first = (await ClaimAsync(Now))!.Callback!;
        var second = (await ClaimAsync(Now.AddMinutes(1)))!.Callback!;
        var store = _newStore();

        var lateFirst = await store.RecordCallbackAsync(orchestration.Id, first.Deliver(Now), CancellationToken.None);
        var currentSecond = await store.RecordCallbackAsync(orchestration.Id, second.Fail("HTTP 500", null), CancellationToken.None);
        var afterTheEnd = await store.RecordCallbackAsync(orchestration.Id, second.Deliver(Now), CancellationToken.None);
        var stored = (await _repository.FindAsync(orchestration.Id, CancellationToken.None))!.Callback!;

        Assert.Multiple(() =>
        {
            Assert.That(lateFirst, Is.False);
            Assert.That(currentSecond, Is.True);
            Assert.That(afterTheEnd, Is.False, "a failed (or delivered) callback stays so");
            Assert.That(stored.State, Is.EqualTo(CallbackState.Failed));
            Assert.That(stored.Attempts, Is.EqualTo(2));
            Assert.That(stored.LastError, Is.EqualTo("HTTP 500"));
        });
    }

    [Test]
    public async Task ShouldNotClaimTheCallback_OfAnOrchestrationRetentionRemoved()
    {
        var orchestration = await AddAsync(ItemStatus.Saved);

        var removed = await _repository.RemoveAsync([orchestration.Id], DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(removed, Is.EqualTo(1));
            Assert.That(await ClaimAsync(Now), Is.Null);
        });
    }

    [Test]
    public async Task ShouldNotClaimADeliveredCallbackAgain()
    {
        var orchestration = await AddAsync(ItemStatus.Saved);
        var claimed = (await ClaimAsync(Now))!.Callback!;
        await _newStore().RecordCallbackAsync(orchestration.Id, claimed.Deliver(Now), CancellationToken.None);

        Assert.That(await ClaimAsync(Now.AddHours(1)), Is.Null);
    }

    [Test]
    public async Task ShouldStartTheNextRound_WhenTheOrchestrationIsRetried_AndIgnoreTheOldRoundsOutcomes()
    {
        var orchestration = await AddAsync(ItemStatus.Failed);
        var first = (await ClaimAsync(Now))!.Callback!;
        await _newStore().RecordCallbackAsync(orchestration.Id, first.Deliver(Now), CancellationToken.None);

        await _repository.RetryItemsAsync(orchestration.Id, null, Now.AddSeconds(1), CancellationToken.None);
        var whileRunning = await ClaimAsync(Now.AddSeconds(2));
        await _repository.SaveItemAsync(orchestration.Id, orchestration.Items[0] with { Status = ItemStatus.Saved }, CancellationToken.None);
        var second = await ClaimAsync(Now.AddSeconds(2));
        var lateFirstRound = await _newStore().RecordCallbackAsync(orchestration.Id, first.Fail("HTTP 500", null), CancellationToken.None);
        var delivered = await _newStore().RecordCallbackAsync(orchestration.Id, second!.Callback!.Deliver(Now.AddSeconds(3)), CancellationToken.None);
        var stored = (await _repository.FindAsync(orchestration.Id, CancellationToken.None))!.Callback!;

        Assert.Multiple(() =>
        {
            Assert.That(whileRunning, Is.Null, "not due until the orchestration is final again");
            Assert.That(second.Callback.Round, Is.EqualTo(2));
            Assert.That(second.Callback.Attempts, Is.EqualTo(1), "the new round counts from its first attempt");
            Assert.That(second.Callback.IdFor(orchestration.Id), Is.EqualTo($"{orchestration.Id}.2"));
            Assert.That(first.IdFor(orchestration.Id), Is.EqualTo(orchestration.Id.ToString()), "round 1 keeps the orchestration id");
            Assert.That(lateFirstRound, Is.False, "an outcome of the old round never touches the new one");
            Assert.That(delivered, Is.True);
            Assert.That(stored.State, Is.EqualTo(CallbackState.Delivered));
            Assert.That(stored.Round, Is.EqualTo(2));
        });
    }
}
