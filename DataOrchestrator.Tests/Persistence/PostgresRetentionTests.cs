using System.Diagnostics.Metrics;
using DataOrchestrator.Application.Retention;
using DataOrchestrator.Application.Transfers.Storage;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence.Postgres;
using DataOrchestrator.Tests.Support.Builders;
using DataOrchestrator.Tests.Support.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Npgsql;

namespace DataOrchestrator.Tests.Persistence;

/// <summary>Retention with several instances on one database: the advisory lock lets one sweep at a time.</summary>
public sealed class PostgresRetentionTests
{
    private PostgresDatabase _database = null!;
    private NpgsqlDataSource _otherInstance = null!;
    private ServiceProvider _services = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        _otherInstance = PostgresDataSource.Create(_database.ConnectionString);
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _services.DisposeAsync();
        await _otherInstance.DisposeAsync();
        await _database.DisposeAsync();
    }

    private RetentionSweeper Sweeper(NpgsqlDataSource dataSource, IDataStore store) => new(
        new PostgresOrchestrationRepository(dataSource, new PostgresInstance(), TimeProvider.System),
        store,
        new PostgresRetentionLock(dataSource),
        new RetentionMetrics(_services.GetRequiredService<IMeterFactory>()),
        TimeProvider.System,
        Options.Create(new RetentionOptions { Days = 7, BatchSize = 2 }),
        NullLogger<RetentionSweeper>.Instance);

    private async Task<List<Guid>> AddFinishedAsync(int count)
    {
        var ids = new List<Guid>();
        var repository = _database.Repository();
        for (var i = 0; i < count; i++)
        {
            // Finished on the builder's date, long before the 7 days' retention.
            var orchestration = new OrchestrationBuilder().WithItem(ItemStatus.Saved).WithItem(ItemStatus.Failed).Build();
            await repository.AddAsync(orchestration, CancellationToken.None);
            ids.Add(orchestration.Id);
        }

        return ids;
    }

    [Test]
    public async Task ShouldLetOneInstanceHoldTheRetentionLock_AtATime()
    {
        var first = new PostgresRetentionLock(_database.DataSource);
        var second = new PostgresRetentionLock(_otherInstance);

        var held = await first.TryAcquireAsync(CancellationToken.None);
        var refused = await second.TryAcquireAsync(CancellationToken.None);
        await held!.DisposeAsync();
        var afterRelease = await second.TryAcquireAsync(CancellationToken.None);
        await afterRelease!.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(held, Is.Not.Null);
            Assert.That(refused, Is.Null);
            Assert.That(afterRelease, Is.Not.Null, "the lock is released, not left on a pooled connection");
        });
    }

    [Test]
    public async Task ShouldSweepInOneInstanceOnly_WhenTwoRace()
    {
        var ids = await AddFinishedAsync(5);
        var firstDelete = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocking = new Mock<IDataStore>();
        blocking.Setup(s => s.DeleteSavedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(async (string _, CancellationToken _) =>
        {
            firstDelete.TrySetResult();
            await proceed.Task;
            return 100L;
        });
        var other = new Mock<IDataStore>(MockBehavior.Strict);

        var sweeping = Sweeper(_database.DataSource, blocking.Object).SweepAsync(CancellationToken.None);
        await firstDelete.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var raced = await Sweeper(_otherInstance, other.Object).SweepAsync(CancellationToken.None);
        proceed.SetResult();
        var swept = await sweeping;
        var later = await Sweeper(_otherInstance, other.Object).SweepAsync(CancellationToken.None);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(raced.Ran, Is.False, "the second instance skipped while the first swept");
            Assert.That(swept, Is.EqualTo(new RetentionSweepResult(true, 5, 5, 500, 0)));
            Assert.That(later, Is.EqualTo(new RetentionSweepResult(true, 0, 0, 0, 0)), "afterwards it may sweep, and finds nothing left");
            foreach (var id in ids)
            {
                Assert.That(await _database.Repository().FindAsync(id, CancellationToken.None), Is.Null);
            }
        });
    }

    [Test]
    public async Task ShouldReleaseTheLock_WhenTheSweepingSessionDies()
    {
        var held = await new PostgresRetentionLock(_database.DataSource).TryAcquireAsync(CancellationToken.None);
        await using (var kill = _otherInstance.CreateCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
        {
            await kill.ExecuteNonQueryAsync();
        }

        // pg_terminate_backend only signals: the session ends, and its lock goes, a moment later.
        var other = new PostgresRetentionLock(_otherInstance);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        IAsyncDisposable? taken;
        while ((taken = await other.TryAcquireAsync(CancellationToken.None)) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Multiple(() =>
        {
            Assert.That(held, Is.Not.Null);
            Assert.That(taken, Is.Not.Null, "a crashed instance never blocks retention");
            Assert.That(async () => await held!.DisposeAsync(), Throws.Nothing, "releasing on a dead connection is not an error");
        });
        await taken!.DisposeAsync();
    }

    [Test]
    public async Task ShouldApplyEveryMissingMigration_EvenBelowTheHighestApplied()
    {
        // As after a merge: this database has 6, and a lower number arrives later.
        await using (var forget = _database.DataSource.CreateCommand("DROP TABLE idempotency_keys; DELETE FROM schema_migrations WHERE version = 3"))
        {
            await forget.ExecuteNonQueryAsync();
        }

        await _database.MigrateAsync();

        await using var versions = _database.DataSource.CreateCommand("SELECT array_agg(version ORDER BY version) FROM schema_migrations");
        await using var table = _database.DataSource.CreateCommand("SELECT to_regclass('idempotency_keys') IS NOT NULL");
        var applied = (int[])(await versions.ExecuteScalarAsync())!;
        var restored = await table.ExecuteScalarAsync();
        Assert.Multiple(() =>
        {
            Assert.That(applied, Is.EqualTo(PostgresSchema.Migrations.Select(m => m.Version).Order()));
            Assert.That(restored, Is.True);
        });
    }

    [Test]
    public void ShouldWriteOutExactlyTheTerminalStatuses_InTheRetentionQueries()
    {
        var listed = PostgresSchema.TerminalStatusList.Trim('(', ')').Split(", ").Select(s => s.Trim('\''));
        var terminal = Enum.GetValues<ProcessStatus>().Where(s => s.IsTerminal()).Select(s => s.ToWireName());
        Assert.That(listed, Is.EquivalentTo(terminal));
    }
}
