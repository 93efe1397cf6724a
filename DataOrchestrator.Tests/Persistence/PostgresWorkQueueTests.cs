using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Workers;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence.Postgres;
using DataOrchestrator.Testing.Postgres;
using DataOrchestrator.Tests.Support.Builders;
using DataOrchestrator.Tests.Support.Hosting;
using DataOrchestrator.Tests.Support.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace DataOrchestrator.Tests.Persistence;

/// <summary>The PostgreSQL work queue: claims, leases, heartbeats, takeover and fencing, with real instances on one database.</summary>
public sealed class PostgresWorkQueueTests
{
    private static async Task<Orchestration[]> SubmitAsync(PostgresDatabase database, int orchestrations, int itemsEach)
    {
        var repository = database.Repository();
        var added = new Orchestration[orchestrations];
        for (var i = 0; i < orchestrations; i++)
        {
            var builder = new OrchestrationBuilder();
            for (var j = 0; j < itemsEach; j++)
            {
                builder.WithItem(contractId: $"c-{i}-{j}");
            }

            added[i] = builder.Build();
            await repository.AddAsync(added[i], CancellationToken.None);
        }

        return added;
    }

    private static async Task<List<ItemWork>> DrainAsync(PostgresWorkQueue queue, int atLeast, TimeSpan timeout)
    {
        var taken = new List<ItemWork>();
        using var deadline = new CancellationTokenSource(timeout);
        while (taken.Count < atLeast && !deadline.IsCancellationRequested)
        {
            try
            {
                if (await queue.Reader.WaitToReadAsync(deadline.Token))
                {
                    while (queue.Reader.TryRead(out var work))
                    {
                        taken.Add(work);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return taken;
    }

    [Test]
    public async Task ShouldGiveEveryItemToExactlyOneInstance_WhenInstancesClaimTogether()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await SubmitAsync(database, 60, 2);
        await using var first = database.Queue(new PostgresInstance(), workers: 200);
        await using var second = database.Queue(new PostgresInstance(), workers: 200);

        await Task.WhenAll(first.StartAsync(CancellationToken.None), second.StartAsync(CancellationToken.None));
        var all = new List<ItemWork>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (all.Count < 120 && DateTime.UtcNow < deadline)
        {
            all.AddRange(await DrainAsync(first, 1, TimeSpan.FromMilliseconds(100)));
            all.AddRange(await DrainAsync(second, 1, TimeSpan.FromMilliseconds(100)));
        }

        Assert.Multiple(() =>
        {
            Assert.That(all, Has.Count.EqualTo(120), "every unfinished item was claimed");
            Assert.That(all.Distinct().Count(), Is.EqualTo(120), "and none twice");
        });
    }

    [Test]
    public async Task ShouldAdmitUpToItsCapacity_CountingTheStoredItemsOnlyOncePerPollInterval()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var stored = await SubmitAsync(database, 2, 1);
        var time = new FakeTimeProvider();
        await using var queue = database.Queue(new PostgresInstance(), workers: 1, capacity: 5, timeProvider: time);
        var poll = TimeSpan.FromMilliseconds(PostgresDatabase.Options().Value.PollIntervalMs);

        var upToCapacity = await queue.TryReserveAsync(3, CancellationToken.None);
        await SubmitAsync(database, 1, 3);
        var overCapacity = await queue.TryReserveAsync(1, CancellationToken.None);
        var repository = database.Repository();
        foreach (var orchestration in stored)
        {
            await repository.SaveItemAsync(orchestration.Id, orchestration.Items[0] with { Status = ItemStatus.Saved }, CancellationToken.None);
        }

        var beforeTheNextCount = await queue.TryReserveAsync(1, CancellationToken.None);
        time.Advance(poll / 10 + TimeSpan.FromMilliseconds(1));
        var refusedSoCountedAgain = await queue.TryReserveAsync(2, CancellationToken.None);
        var full = await queue.TryReserveAsync(1, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(upToCapacity, Is.Not.Null, "2 stored + 3 = 5");
            Assert.That(overCapacity, Is.Null, "5 + 1");
            Assert.That(beforeTheNextCount, Is.Null, "two items finished, but the count is fresh: the room it left is taken");
            Assert.That(refusedSoCountedAgain, Is.Not.Null, "a refusal counts again once the count is older than a tenth of the poll interval: 3 + 2");
            Assert.That(full, Is.Null, "5 + 1 again");
        });
    }

    [Test]
    public async Task ShouldClaimAheadOfItsWorkers_AndClaimAgainOnlyOnceABatchIsMissing()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await SubmitAsync(database, 20, 1);
        await using var queue = database.Queue(new PostgresInstance(), workers: 4, claimAhead: 4);
        await queue.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => queue.Count == 8, TimeSpan.FromSeconds(2), "four for the workers and four ahead");

        var running = new List<ItemWork>();
        for (var i = 0; i < 4 && queue.Reader.TryRead(out var work); i++)
        {
            running.Add(work);
        }

        foreach (var work in running.Take(3))
        {
            await queue.CompleteAsync(work);
        }

        await Task.Delay(300);
        var afterThree = queue.Count;
        await queue.CompleteAsync(running[3]);
        await Eventually.UntilAsync(() => queue.Count == 8, TimeSpan.FromSeconds(2), "a batch of four claimed");

        Assert.That(afterThree, Is.EqualTo(4), "three free places are less than a batch while the workers still have items waiting");
    }

    [Test]
    public async Task ShouldClaimNoMoreThanItsWorkersCanTake_AndMoreAsTheyFinish()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await SubmitAsync(database, 10, 1);
        await using var queue = database.Queue(new PostgresInstance(), workers: 3);
        await queue.StartAsync(CancellationToken.None);

        var firstBatch = await DrainAsync(queue, 3, TimeSpan.FromSeconds(2));
        var nothingMore = await DrainAsync(queue, 1, TimeSpan.FromMilliseconds(300));
        await queue.CompleteAsync(firstBatch[0]);
        var afterOne = await DrainAsync(queue, 1, TimeSpan.FromSeconds(2));

        Assert.Multiple(() =>
        {
            Assert.That(firstBatch, Has.Count.EqualTo(3));
            Assert.That(nothingMore, Is.Empty, "three workers, three claims");
            Assert.That(afterOne, Has.Count.EqualTo(1), "a finished item frees a claim");
        });
    }

    [Test]
    public async Task ShouldLetAnotherInstanceTakeOver_OnlyOnceTheLeaseExpired_AndFenceOffTheFormerOwner()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var orchestration = (await SubmitAsync(database, 1, 1))[0];
        var deadInstance = new PostgresInstance();
        var dead = database.Queue(deadInstance, workers: 1, leaseSeconds: 1);
        await dead.StartAsync(CancellationToken.None);
        Assert.That(await DrainAsync(dead, 1, TimeSpan.FromSeconds(2)), Has.Count.EqualTo(1));
        await dead.DisposeAsync(); // dies: no heartbeat, no release

        await using var survivor = database.Queue(new PostgresInstance(), workers: 1, leaseSeconds: 1);
        var survivorInstanceRepository = database.Repository(deadInstance);
        await survivor.StartAsync(CancellationToken.None);
        var tooEarly = await DrainAsync(survivor, 1, TimeSpan.FromMilliseconds(400));
        var takenOver = tooEarly.Count == 0 ? await DrainAsync(survivor, 1, TimeSpan.FromSeconds(3)) : tooEarly;

        Assert.Multiple(() =>
        {
            Assert.That(tooEarly, Is.Empty, "the lease still held");
            Assert.That(takenOver, Has.Count.EqualTo(1), "taken over after expiry");
            Assert.That(
                () => survivorInstanceRepository.SaveItemAsync(orchestration.Id, orchestration.Items[0] with { Status = ItemStatus.Saved }, CancellationToken.None),
                Throws.InstanceOf<LeaseLostException>(),
                "the former owner may no longer write the item");
        });
    }

    [Test]
    public async Task ShouldKeepARunningItem_WhileItsHeartbeatExtendsTheLease()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await SubmitAsync(database, 1, 1);
        await using var owner = database.Queue(new PostgresInstance(), workers: 1, leaseSeconds: 1);
        await owner.StartAsync(CancellationToken.None);
        Assert.That(await DrainAsync(owner, 1, TimeSpan.FromSeconds(2)), Has.Count.EqualTo(1));

        await using var other = database.Queue(new PostgresInstance(), workers: 1, leaseSeconds: 1);
        await other.StartAsync(CancellationToken.None);

        Assert.That(await DrainAsync(other, 1, TimeSpan.FromSeconds(2.5)), Is.Empty, "a long download is not taken over while its instance lives");
    }

    [Test]
    public async Task ShouldHandBackUnstartedClaims_AtShutdown()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await SubmitAsync(database, 4, 1);
        await using var leaving = database.Queue(new PostgresInstance(), workers: 4);
        await leaving.StartAsync(CancellationToken.None);
        var claimed = await DrainAsync(leaving, 4, TimeSpan.FromSeconds(2));
        await leaving.CloseAsync();
        await leaving.ReturnUnstartedAsync(claimed);

        await using var next = database.Queue(new PostgresInstance(), workers: 4);
        await next.StartAsync(CancellationToken.None);

        Assert.That(await DrainAsync(next, 4, TimeSpan.FromSeconds(2)), Has.Count.EqualTo(4), "no lease to wait for");
    }

    [Test]
    public async Task ShouldRefuseAReservation_WhenPendingItemsWouldExceedTheCapacity()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await SubmitAsync(database, 3, 3);
        await using var queue = database.Queue(new PostgresInstance(), workers: 1);

        var reservation = await queue.TryReserveAsync(10_000 - 9, CancellationToken.None);
        var tooMany = await queue.TryReserveAsync(10_000 - 8, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(reservation, Is.Not.Null);
            Assert.That(tooMany, Is.Null);
        });
    }

    [Test]
    public async Task ShouldMigrateOnce_WhenInstancesStartTogether()
    {
        var server = await PostgresCluster.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await using var dataSource = PostgresDataSource.Create(connectionString);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            new PostgresMigrator(dataSource, PostgresDatabase.Options(connectionString: connectionString), Microsoft.Extensions.Logging.Abstractions.NullLogger<PostgresMigrator>.Instance)
                .StartAsync(CancellationToken.None))));

        await using var count = dataSource.CreateCommand("SELECT count(*) FROM schema_migrations");
        Assert.That(await count.ExecuteScalarAsync(), Is.EqualTo(PostgresSchema.Migrations.Count));
    }
}
