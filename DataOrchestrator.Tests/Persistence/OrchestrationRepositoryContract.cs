using System.Text.Json;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Application.Orchestrations.Submit;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence.Postgres;
using DataOrchestrator.Tests.Support.Builders;

namespace DataOrchestrator.Tests.Persistence;

/// <summary>
/// What every <see cref="IOrchestrationRepository"/> must do, run against each implementation (the fixtures below):
/// round trips of every item field, item updates, not-found, newest-first pages that stay stable under inserts and
/// removals, retention's removal of finished orchestrations and expired idempotency keys, and the status summary
/// (OrchestrationRepositoryContract.Summary.cs).
/// </summary>
public abstract partial class OrchestrationRepositoryContract
{
    private IOrchestrationRepository _repository = null!;

    protected abstract Task<IOrchestrationRepository> CreateAsync();

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    [SetUp]
    public async Task SetUpAsync() => _repository = await CreateAsync();

    [TearDown]
    public Task TearDownAsync() => CleanUpAsync();

    // Databases keep microseconds, as the wire format does.
    private static DateTimeOffset At(int second) => OrchestrationBuilder.CreatedAt.AddSeconds(second).AddTicks(1230);

    private static string Json(OrchestrationItem item) => JsonSerializer.Serialize(item, ItemJsonContext.Default.OrchestrationItem);

    private static Orchestration New(int second = 0, params OrchestrationItem[] items) => Orchestration.Create(
        Guid.NewGuid(), "http://127.0.0.1:9/consumer/cp", items.Length > 0 ? items : [OrchestrationBuilder.Item(0), OrchestrationBuilder.Item(1)], At(second));

    [Test]
    public async Task ShouldReturnWhatWasAdded_WithEveryItemField()
    {
        var failed = OrchestrationBuilder.Item(1, ItemStatus.Failed) with
        {
            Error = new ItemError(ItemErrorCodes.EdcRequestRejected, "rejected", [new EdcError("Contract agreement with id x not found", "InvalidRequest", null, "x")]),
            Attempts = 2,
            StartedAt = At(1),
            FinishedAt = At(2),
        };
        var offer = OrchestrationBuilder.Item(2) with
        {
            Type = "edc-offer", ContractId = null, ConnectorId = "did:web:p", NegotiationId = "cn-1", Status = ItemStatus.NegotiationRequested,
            Offer = new ContractOffer("offer-1", "asset-1", """{"permission":[]}"""), Protocol = "dataspace-protocol-http:2025-1",
        };
        // Query names already in jsonb's order (shorter first), so the items' JSON can be compared as text.
        var saved = OrchestrationBuilder.Item(0, ItemStatus.Saved) with
        {
            Bytes = 12, Sha256 = "ab", StartedAt = At(1), FinishedAt = At(3),
            Path = "parts/42/report", Query = new Dictionary<string, string> { ["q"] = "a b", ["ö"] = "€ \"x\"", ["lang"] = "de" },
        };
        var catalog = OrchestrationBuilder.Item(3) with
        {
            Type = "edc-catalog", ContractId = "agreement-held", ConnectorId = "did:web:p", Status = ItemStatus.CatalogRequested,
            Catalog = new CatalogLookup("asset-2", """{"permission":[{"action":"use"}]}""", ReuseAgreement: false),
            Offer = new ContractOffer("offer-2", "asset-2", null), AgreementReused = true, EdrReused = true,
        };
        var orchestration = New(0, saved, failed, offer, catalog);

        await _repository.AddAsync(orchestration, CancellationToken.None);
        var found = await _repository.FindAsync(orchestration.Id, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(found!.ConnectorAddress, Is.EqualTo(orchestration.ConnectorAddress));
            Assert.That(found.Items[3].Catalog, Is.EqualTo(catalog.Catalog));
            Assert.That((found.Items[3].AgreementReused, found.Items[3].EdrReused), Is.EqualTo((true, true)));
            Assert.That(found.CreatedAt, Is.EqualTo(orchestration.CreatedAt));
            Assert.That(found.UpdatedAt, Is.EqualTo(orchestration.UpdatedAt));
            Assert.That(found.Items.Select(Json), Is.EqualTo(orchestration.Items.Select(Json)));
            Assert.That(found.ProcessStatus, Is.EqualTo(ProcessStatus.CatalogRequested));
            Assert.That(found.Items[0].Path, Is.EqualTo("parts/42/report"));
            Assert.That(found.Items[0].Query, Is.EquivalentTo(saved.Query));
            Assert.That(found.Items[1].Query, Is.Null);
        });
    }

    [Test]
    public async Task ShouldReturnNull_ForAnUnknownId() =>
        Assert.That(await _repository.FindAsync(Guid.NewGuid(), CancellationToken.None), Is.Null);

    [Test]
    public async Task ShouldReplaceOneItem_AndStampTheUpdateTime()
    {
        var orchestration = New();
        await _repository.AddAsync(orchestration, CancellationToken.None);
        var started = orchestration.Items[1] with { Status = ItemStatus.TransferRequested, TransferId = "tp-1", Attempts = 1 };

        await _repository.SaveItemAsync(orchestration.Id, started, CancellationToken.None);
        var found = await _repository.FindAsync(orchestration.Id, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(Json(found!.Items[1]), Is.EqualTo(Json(started)));
            Assert.That(Json(found.Items[0]), Is.EqualTo(Json(orchestration.Items[0])));
            Assert.That(found.UpdatedAt, Is.GreaterThan(orchestration.UpdatedAt));
        });
    }

    [Test]
    public async Task ShouldTellExactlyOneOfConcurrentFinalSaves_ThatItFinishedTheOrchestration()
    {
        var orchestration = New(0, Enumerable.Range(0, 8).Select(i => OrchestrationBuilder.Item(i, ItemStatus.Downloading)).ToArray());
        await _repository.AddAsync(orchestration, CancellationToken.None);

        var saves = await Task.WhenAll(orchestration.Items.Select(item =>
            Task.Run(() => _repository.SaveItemAsync(orchestration.Id, item with { Status = item.Index == 3 ? ItemStatus.Failed : ItemStatus.Saved }, CancellationToken.None))));

        Assert.Multiple(() =>
        {
            Assert.That(saves.Count(s => s.FinishedOrchestration), Is.EqualTo(1));
            Assert.That(saves.Single(s => s.FinishedOrchestration).After, Is.EqualTo(ProcessStatus.PartiallyCompleted));
            Assert.That(saves.Where(s => !s.FinishedOrchestration).Select(s => s.After), Has.All.EqualTo(ProcessStatus.Downloading));
        });
    }

    [Test]
    public async Task ShouldDeriveTheProcessStatus_AsProcessStatusRulesDo_ForEveryPairOfItemStatuses()
    {
        var mismatches = new List<string>();
        foreach (var first in Enum.GetValues<ItemStatus>())
        {
            foreach (var second in Enum.GetValues<ItemStatus>())
            {
                var orchestration = New();
                await _repository.AddAsync(orchestration, CancellationToken.None);
                await _repository.SaveItemAsync(orchestration.Id, orchestration.Items[0] with { Status = first }, CancellationToken.None);
                var saved = await _repository.SaveItemAsync(orchestration.Id, orchestration.Items[1] with { Status = second }, CancellationToken.None);
                var expected = ProcessStatusRules.Aggregate([first, second]);
                var stored = (await _repository.FindAsync(orchestration.Id, CancellationToken.None))!.ProcessStatus;
                // A save of mere progress may be written later and answer only its own stage (IOrchestrationRepository).
                if (stored != expected || saved.After.IsTerminal() != expected.IsTerminal() || (expected.IsTerminal() && saved.After != expected))
                {
                    mismatches.Add($"{first}+{second}: saved {saved.After}, stored {stored}, expected {expected}");
                }
            }
        }

        Assert.That(mismatches, Is.Empty);
    }

    [TestCase(ItemStatus.TransferRequested)]
    [TestCase(ItemStatus.Saved)]
    public void ShouldRefuseToSaveAnItem_OfAnUnknownOrchestration(ItemStatus status) =>
        Assert.That(
            () => _repository.SaveItemAsync(Guid.NewGuid(), OrchestrationBuilder.Item(0, status), CancellationToken.None),
            Throws.InstanceOf<OrchestrationNotFoundException>());

    [Test]
    public async Task ShouldPageNewestFirst_WithoutGapsOrDuplicates_WhileOthersArrive()
    {
        var added = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var orchestration = New(i);
            await _repository.AddAsync(orchestration, CancellationToken.None);
            added.Add(orchestration.Id);
        }

        var first = await _repository.ListAsync(2, null, OrchestrationFilter.None, CancellationToken.None);
        await _repository.AddAsync(New(10), CancellationToken.None);
        var second = await _repository.ListAsync(2, first.NextBefore, OrchestrationFilter.None, CancellationToken.None);
        var last = await _repository.ListAsync(2, second.NextBefore, OrchestrationFilter.None, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first.Orchestrations.Concat(second.Orchestrations).Concat(last.Orchestrations).Select(o => o.Id), Is.EqualTo(Enumerable.Reverse(added)));
            Assert.That(first.Orchestrations.Select(o => o.Items.Count), Is.All.EqualTo(2), "pages carry their items");
            Assert.That(last.NextBefore, Is.Null, "the last page says so");
        });
    }

    [Test]
    public async Task ShouldFilterByProcessStatusAndCreationTime_PageByPage()
    {
        var completed = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var orchestration = New(i, OrchestrationBuilder.Item(0, i % 2 == 0 ? ItemStatus.Saved : ItemStatus.Failed));
            await _repository.AddAsync(orchestration, CancellationToken.None);
            if (i % 2 == 0)
            {
                completed.Add(orchestration.Id);
            }
        }

        // A status reached by an update (not at creation) counts too.
        var updated = New(10);
        await _repository.AddAsync(updated, CancellationToken.None);
        foreach (var item in updated.Items)
        {
            await _repository.SaveItemAsync(updated.Id, item with { Status = ItemStatus.Saved }, CancellationToken.None);
        }

        var onlyCompleted = new OrchestrationFilter(new HashSet<ProcessStatus> { ProcessStatus.Completed });
        var first = await _repository.ListAsync(2, null, onlyCompleted, CancellationToken.None);
        var rest = await _repository.ListAsync(10, first.NextBefore, onlyCompleted, CancellationToken.None);
        var window = await _repository.ListAsync(10, null, new OrchestrationFilter(CreatedAfter: At(1), CreatedBefore: At(4)), CancellationToken.None);
        var failedOrPartial = await _repository.ListAsync(
            10, null, new OrchestrationFilter(new HashSet<ProcessStatus> { ProcessStatus.Failed, ProcessStatus.PartiallyCompleted }), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first.Orchestrations.Concat(rest.Orchestrations).Select(o => o.Id), Is.EqualTo(new[] { updated.Id }.Concat(Enumerable.Reverse(completed))));
            Assert.That(rest.NextBefore, Is.Null);
            Assert.That(window.Orchestrations.Select(o => o.CreatedAt), Is.EqualTo(new[] { At(3), At(2) }), "both ends exclusive");
            Assert.That(failedOrPartial.Orchestrations, Has.Count.EqualTo(3));
        });
    }

    private static Orchestration Finished(int second, ItemStatus last = ItemStatus.Saved) => New(
        second,
        OrchestrationBuilder.Item(0, ItemStatus.Saved) with { StoragePath = $"./data/file_{Guid.NewGuid():N}.json", Bytes = 5 },
        OrchestrationBuilder.Item(1, last));

    [Test]
    public async Task ShouldFindAndRemoveFinishedOrchestrations_WhenTheyFinishedBeforeTheCutoff()
    {
        var completed = Finished(1);
        var failed = Finished(2, ItemStatus.Failed);
        var cancelled = Finished(3, ItemStatus.Cancelled);
        foreach (var orchestration in new[] { cancelled, completed, failed })
        {
            await _repository.AddAsync(orchestration, CancellationToken.None);
        }

        var due = await _repository.FindDueForRemovalAsync(At(10), 10, CancellationToken.None);
        var removed = await _repository.RemoveAsync(due.Select(o => o.Id).ToArray(), At(10), CancellationToken.None);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(due.Select(o => o.Id), Is.EqualTo(new[] { completed.Id, failed.Id, cancelled.Id }), "the longest finished first");
            Assert.That(due.SelectMany(o => o.Items).Select(i => i.StoragePath), Is.SupersetOf(new[] { completed.Items[0].StoragePath, cancelled.Items[0].StoragePath }), "with their items' files");
            Assert.That(removed, Is.EqualTo(3));
            foreach (var orchestration in due)
            {
                Assert.That(await _repository.FindAsync(orchestration.Id, CancellationToken.None), Is.Null);
            }

            Assert.That(await _repository.FindDueForRemovalAsync(At(10), 10, CancellationToken.None), Is.Empty);
        });
    }

    [Test]
    public async Task ShouldKeepUnfinishedAndRecentOrchestrations_EvenWhenOld()
    {
        var unfinished = New(0, OrchestrationBuilder.Item(0, ItemStatus.Saved), OrchestrationBuilder.Item(1, ItemStatus.Downloading));
        var recent = Finished(20);
        var due = Finished(1);
        foreach (var orchestration in new[] { unfinished, recent, due })
        {
            await _repository.AddAsync(orchestration, CancellationToken.None);
        }

        var found = await _repository.FindDueForRemovalAsync(At(10), 10, CancellationToken.None);

        // Asked to remove all three (a stale list), it re-checks each and removes only the due one.
        var removed = await _repository.RemoveAsync([unfinished.Id, recent.Id, due.Id], At(10), CancellationToken.None);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(found.Select(o => o.Id), Is.EqualTo(new[] { due.Id }));
            Assert.That(removed, Is.EqualTo(1));
            Assert.That(await _repository.FindAsync(unfinished.Id, CancellationToken.None), Is.Not.Null);
            Assert.That(await _repository.FindAsync(recent.Id, CancellationToken.None), Is.Not.Null);
            Assert.That(await _repository.FindAsync(due.Id, CancellationToken.None), Is.Null);
        });
    }

    [Test]
    public async Task ShouldAnswerAtMostTheLimit_OfDueOrchestrations()
    {
        for (var i = 0; i < 5; i++)
        {
            await _repository.AddAsync(Finished(i), CancellationToken.None);
        }

        var batch = await _repository.FindDueForRemovalAsync(At(10), 2, CancellationToken.None);

        Assert.That(batch.Select(o => o.CreatedAt), Is.EqualTo(new[] { At(0), At(1) }));
    }

    [Test]
    public async Task ShouldPageWithoutGapsOrDuplicates_AcrossRemovedOrchestrations()
    {
        var added = new List<Orchestration>();
        for (var i = 0; i < 8; i++)
        {
            // Odd ones finished long ago, even ones still running.
            var orchestration = i % 2 == 1 ? Finished(i) : New(i);
            await _repository.AddAsync(orchestration, CancellationToken.None);
            added.Add(orchestration);
        }

        var first = await _repository.ListAsync(3, null, OrchestrationFilter.None, CancellationToken.None);
        var removed = await _repository.RemoveAsync(added.Where((_, i) => i % 2 == 1).Select(o => o.Id).ToArray(), At(100), CancellationToken.None);
        var second = await _repository.ListAsync(2, first.NextBefore, OrchestrationFilter.None, CancellationToken.None);
        var last = await _repository.ListAsync(2, second.NextBefore, OrchestrationFilter.None, CancellationToken.None);
        var fresh = await _repository.ListAsync(10, null, OrchestrationFilter.None, CancellationToken.None);
        var running = added.Where((_, i) => i % 2 == 0).Select(o => o.Id).Reverse().ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.EqualTo(4));
            Assert.That(first.Orchestrations.Select(o => o.Id), Is.EqualTo(new[] { added[7].Id, added[6].Id, added[5].Id }), "before the removal");
            Assert.That(second.Orchestrations.Concat(last.Orchestrations).Select(o => o.Id), Is.EqualTo(new[] { added[4].Id, added[2].Id, added[0].Id }), "the old cursor continues past the gaps");
            Assert.That(last.NextBefore, Is.Null);
            Assert.That(fresh.Orchestrations.Select(o => o.Id), Is.EqualTo(running));
        });
    }

    [Test]
    public async Task ShouldRefuseToSaveAnItem_OfARemovedOrchestration()
    {
        var orchestration = Finished(1);
        await _repository.AddAsync(orchestration, CancellationToken.None);
        await _repository.RemoveAsync([orchestration.Id], At(10), CancellationToken.None);

        Assert.That(
            () => _repository.SaveItemAsync(orchestration.Id, orchestration.Items[1] with { Status = ItemStatus.Failed }, CancellationToken.None),
            Throws.InstanceOf<OrchestrationNotFoundException>());
    }

    [Test]
    public async Task ShouldPurgeExpiredIdempotencyKeys_AndKeepLiveOnes()
    {
        foreach (var (key, expires) in new[] { ("a", 10), ("b", 20), ("c", 90) })
        {
            await _repository.AddIdempotentAsync(New(0), new IdempotencyKey(key, "f", At(expires)), CancellationToken.None);
        }

        var limited = await _repository.PurgeExpiredIdempotencyKeysAsync(At(60), 1, CancellationToken.None);
        var rest = await _repository.PurgeExpiredIdempotencyKeysAsync(At(60), 10, CancellationToken.None);
        var none = await _repository.PurgeExpiredIdempotencyKeysAsync(At(60), 10, CancellationToken.None);
        var live = await _repository.PurgeExpiredIdempotencyKeysAsync(At(100), 10, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(limited, Is.EqualTo(1), "no more than the limit");
            Assert.That(rest, Is.EqualTo(1));
            Assert.That(none, Is.Zero, "the key expiring later was kept");
            Assert.That(live, Is.EqualTo(1), "until it expired too");
        });
    }

    [Test]
    public async Task ShouldForgetAnIdempotencyKey_WhenItsOrchestrationIsRemoved()
    {
        var key = new IdempotencyKey("retry-me", "f", DateTimeOffset.UtcNow.AddDays(1));
        var orchestration = Finished(1);
        await _repository.AddIdempotentAsync(orchestration, key, CancellationToken.None);
        await _repository.RemoveAsync([orchestration.Id], At(10), CancellationToken.None);

        var again = New(2);
        var retried = await _repository.AddIdempotentAsync(again, key, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(retried.Created, Is.True, "a key never answers with an orchestration that is gone");
            Assert.That(retried.OrchestrationId, Is.EqualTo(again.Id));
        });
    }

    [Test]
    public async Task ShouldQueueFailedAndCancelledItemsAgain_AndClearTheCancel_WhenRetried()
    {
        var error = new ItemError(ItemErrorCodes.EdcRequestRejected, "rejected", [new EdcError("not found", "InvalidRequest", null, "x")]);
        var failed = OrchestrationBuilder.Item(1, ItemStatus.Failed) with
        {
            Error = error, Attempts = 1, TransferId = "tp-1", TransferAttemptKey = "key-1", NegotiationId = "cn-1", FinishedAt = At(2),
        };
        var orchestration = New(0, OrchestrationBuilder.Item(0, ItemStatus.Saved) with { TransferId = "tp-0", Bytes = 5 }, failed, OrchestrationBuilder.Item(2));
        await _repository.AddAsync(orchestration, CancellationToken.None);
        Assert.That((await _repository.RequestCancelAsync(orchestration.Id, At(3), CancellationToken.None))!.MarkedByThisRequest, Is.True);
        await _repository.SaveItemAsync(orchestration.Id, orchestration.Items[2].Cancel(ItemError.Of(ItemErrorCodes.Cancelled, "cancelled"), At(3)), CancellationToken.None);

        var retry = await _repository.RetryItemsAsync(orchestration.Id, null, At(4), CancellationToken.None);
        var found = await _repository.FindAsync(orchestration.Id, CancellationToken.None);
        var queued = await _repository.ListAsync(10, null, new OrchestrationFilter(new HashSet<ProcessStatus> { ProcessStatus.Queued }), CancellationToken.None);
        // Not refused as cancelled: the retried items may run.
        var started = await _repository.SaveItemAsync(orchestration.Id, found!.Items[1] with { Status = ItemStatus.TransferRequested, Attempts = 2 }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(retry!.Outcome, Is.EqualTo(RetryOutcome.Retried));
            Assert.That(retry.Retried, Is.EqualTo(new[] { 1, 2 }));
            Assert.That(retry.Orchestration.ProcessStatus, Is.EqualTo(ProcessStatus.Queued));
            Assert.That(found.CancelRequestedAt, Is.Null);
            Assert.That(found.Items.Select(i => i.Status), Is.EqualTo(new[] { ItemStatus.Saved, ItemStatus.Queued, ItemStatus.Queued }));
            Assert.That(Json(found.Items[0]), Is.EqualTo(Json(orchestration.Items[0])), "the saved item stays as it was");
            Assert.That(found.Items[1].PreviousErrors, Is.EqualTo(new[] { error }).Using<ItemError>((a, b) => a.Code == b.Code && a.Message == b.Message && a.EdcErrors.SequenceEqual(b.EdcErrors)));
            Assert.That(found.Items[1].Error, Is.Null);
            Assert.That(found.Items[1].Attempts, Is.EqualTo(1));
            Assert.That(found.Items[1].ContractId, Is.EqualTo(failed.ContractId), "the agreement is kept");
            Assert.That(new[] { found.Items[1].TransferId, found.Items[1].TransferAttemptKey }, Has.All.Null, "a new transfer is started");
            Assert.That(found.Items[1].FinishedAt, Is.Null);
            Assert.That(found.Items[2].PreviousErrors.Single().Code, Is.EqualTo(ItemErrorCodes.Cancelled));
            Assert.That(queued.Orchestrations.Select(o => o.Id), Does.Contain(orchestration.Id), "the stored process status was derived again");
            Assert.That(started.After, Is.EqualTo(ProcessStatus.Queued));
        });
    }

    [Test]
    public async Task ShouldChangeNothing_WhenAnItemIsUnfinishedOrNoChosenItemFailed()
    {
        var running = New(0, OrchestrationBuilder.Item(0, ItemStatus.Failed), OrchestrationBuilder.Item(1, ItemStatus.Downloading));
        var finished = New(1, OrchestrationBuilder.Item(0, ItemStatus.Failed), OrchestrationBuilder.Item(1, ItemStatus.Saved));
        await _repository.AddAsync(running, CancellationToken.None);
        await _repository.AddAsync(finished, CancellationToken.None);

        var whileRunning = await _repository.RetryItemsAsync(running.Id, null, At(5), CancellationToken.None);
        var savedOnly = await _repository.RetryItemsAsync(finished.Id, new HashSet<int> { 1 }, At(5), CancellationToken.None);
        var unknown = await _repository.RetryItemsAsync(Guid.NewGuid(), null, At(5), CancellationToken.None);
        var found = await _repository.FindAsync(finished.Id, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(whileRunning!.Outcome, Is.EqualTo(RetryOutcome.Running));
            Assert.That(savedOnly!.Outcome, Is.EqualTo(RetryOutcome.NothingToRetry));
            Assert.That(savedOnly.Retried, Is.Empty);
            Assert.That(unknown, Is.Null);
            Assert.That(found!.Items.Select(Json), Is.EqualTo(finished.Items.Select(Json)));
            Assert.That(found.ProcessStatus, Is.EqualTo(ProcessStatus.PartiallyCompleted));
        });
    }

    [Test]
    public async Task ShouldSayWhetherWorkOutlivesTheProcess()
    {
        await Task.CompletedTask;
        Assert.That(_repository.KeepsWorkAcrossRestarts, Is.EqualTo(_repository is PostgresOrchestrationRepository));
    }
}
