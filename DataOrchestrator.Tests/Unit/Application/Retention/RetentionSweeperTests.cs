using System.Diagnostics.Metrics;
using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Orchestrations.Submit;
using DataOrchestrator.Application.Retention;
using DataOrchestrator.Application.Transfers.Storage;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence;
using DataOrchestrator.Infrastructure.Retention;
using DataOrchestrator.Infrastructure.Storage;
using DataOrchestrator.Tests.Support.Builders;
using DataOrchestrator.Tests.Support.Fakes;
using DataOrchestrator.Tests.Support.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace DataOrchestrator.Tests.Unit.Application.Retention;

public sealed class RetentionSweeperTests
{
    private static readonly DateTimeOffset Long = OrchestrationBuilder.CreatedAt;

    private readonly FakeTimeProvider _clock = new(OrchestrationBuilder.CreatedAt.AddDays(10));
    private readonly InProcessRetentionLock _lock = new();
    private ServiceProvider _services = null!;
    private InMemoryOrchestrationRepository _repository = null!;
    private string _directory = null!;

    [SetUp]
    public void SetUp()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _repository = new InMemoryOrchestrationRepository(_clock);
        _directory = Directory.CreateTempSubdirectory("do-retention-").FullName;
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    private RetentionSweeper Sweeper(double days = 7, int batchSize = 500, IDataStore? store = null) => new(
        _repository,
        store ?? new FileDataStore(Options.Create(new StorageOptions { DataPath = _directory }), _clock, new OrchestratorMetrics(Meters, _clock), new FakeDiskSpace(long.MaxValue)),
        _lock,
        new RetentionMetrics(Meters),
        _clock,
        Options.Create(new RetentionOptions { Days = days, BatchSize = batchSize }),
        NullLogger<RetentionSweeper>.Instance);

    /// <summary>A finished orchestration whose saved items' files exist with the given sizes, last updated at <paramref name="finishedAt"/>.</summary>
    private async Task<Orchestration> AddFinishedAsync(DateTimeOffset finishedAt, params int[] fileSizes)
    {
        var items = fileSizes.Select((size, index) =>
        {
            var path = Path.Join(_directory, $"file_t-{Guid.NewGuid():N}.bin");
            File.WriteAllBytes(path, new byte[size]);
            return OrchestrationBuilder.Item(index, ItemStatus.Saved) with { StoragePath = path, Bytes = size };
        }).Append(OrchestrationBuilder.Item(fileSizes.Length, ItemStatus.Failed)).ToArray();
        var orchestration = Orchestration.Create(Guid.NewGuid(), "http://127.0.0.1:9/consumer/cp", items, finishedAt);
        await _repository.AddAsync(orchestration, CancellationToken.None);
        return orchestration;
    }

    private static IEnumerable<string> FilesOf(Orchestration orchestration) => orchestration.Items.Select(i => i.StoragePath).OfType<string>();

    [Test]
    public async Task ShouldDeleteFilesAndRecords_WhenFinishedLongerThanTheRetention()
    {
        using var counters = new CounterRecorder(Meters);
        var old = await AddFinishedAsync(Long, 10, 20);
        var older = await AddFinishedAsync(Long.AddHours(-1), 30);
        var recent = await AddFinishedAsync(Long.AddDays(5), 40);
        var running = Orchestration.Create(Guid.NewGuid(), "http://127.0.0.1:9/consumer/cp", [OrchestrationBuilder.Item(0, ItemStatus.Downloading)], Long.AddDays(-30));
        await _repository.AddAsync(running, CancellationToken.None);

        var result = await Sweeper().SweepAsync(CancellationToken.None);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(result, Is.EqualTo(new RetentionSweepResult(true, 2, 3, 60, 0)));
            Assert.That(FilesOf(old).Concat(FilesOf(older)), Has.None.Matches<string>(File.Exists));
            Assert.That(FilesOf(recent), Has.All.Matches<string>(File.Exists));
            Assert.That(await _repository.FindAsync(old.Id, CancellationToken.None), Is.Null);
            Assert.That(await _repository.FindAsync(older.Id, CancellationToken.None), Is.Null);
            Assert.That(await _repository.FindAsync(recent.Id, CancellationToken.None), Is.Not.Null, "finished 5 of 7 days ago");
            Assert.That(await _repository.FindAsync(running.Id, CancellationToken.None), Is.Not.Null, "unfinished, however old");
            Assert.That(counters.Total(RetentionMetrics.OrchestrationsRemoved), Is.EqualTo(2));
            Assert.That(counters.Total(RetentionMetrics.FilesRemoved), Is.EqualTo(3));
            Assert.That(counters.Total(RetentionMetrics.BytesRemoved), Is.EqualTo(60));
            Assert.That(counters.Unit(RetentionMetrics.BytesRemoved), Is.EqualTo("By"));
        });
    }

    [Test]
    public async Task ShouldRemoveNothing_WhenRetentionIsZero()
    {
        var old = await AddFinishedAsync(Long.AddYears(-5), 10);

        var result = await Sweeper(days: 0).SweepAsync(CancellationToken.None);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(result.Ran, Is.False);
            Assert.That(await _repository.FindAsync(old.Id, CancellationToken.None), Is.Not.Null);
            Assert.That(FilesOf(old), Has.All.Matches<string>(File.Exists));
        });
    }

    [Test]
    public async Task ShouldDeleteTheFiles_BeforeTheRecords()
    {
        var old = await AddFinishedAsync(Long, 10);
        var recordPresentAtDelete = new List<bool>();
        var store = new Mock<IDataStore>(MockBehavior.Strict);
        store.Setup(s => s.DeleteSavedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(async (string _, CancellationToken _) =>
            {
                recordPresentAtDelete.Add(await _repository.FindAsync(old.Id, CancellationToken.None) is not null);
                return 10L;
            });

        var result = await Sweeper(store: store.Object).SweepAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(recordPresentAtDelete, Is.EqualTo(new[] { true }), "a crash after the delete leaves a due record to retry, not an orphaned file");
            Assert.That(result.Orchestrations, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task ShouldKeepTheRecord_WhenItsFileCannotBeDeleted_AndRemoveTheOthers()
    {
        var stuck = await AddFinishedAsync(Long.AddHours(-2), 10);
        var others = new[] { await AddFinishedAsync(Long.AddHours(-1), 20), await AddFinishedAsync(Long, 30) };
        var store = new Mock<IDataStore>(MockBehavior.Strict);
        store.Setup(s => s.DeleteSavedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(1L);
        store.Setup(s => s.DeleteSavedAsync(FilesOf(stuck).Single(), It.IsAny<CancellationToken>())).ThrowsAsync(new StorageException("permission denied"));

        // Batches of one: the stuck orchestration heads every query, and must not stop the sweep.
        var result = await Sweeper(batchSize: 1, store: store.Object).SweepAsync(CancellationToken.None);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(result.Orchestrations, Is.EqualTo(2));
            Assert.That(await _repository.FindAsync(stuck.Id, CancellationToken.None), Is.Not.Null);
            foreach (var other in others)
            {
                Assert.That(await _repository.FindAsync(other.Id, CancellationToken.None), Is.Null);
            }
        });
    }

    [Test]
    public async Task ShouldRemoveTheRecord_WhenItsFileIsAlreadyGone()
    {
        var old = await AddFinishedAsync(Long, 10);
        File.Delete(FilesOf(old).Single());

        var result = await Sweeper().SweepAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Orchestrations, Is.EqualTo(1));
            Assert.That(result.Files, Is.Zero);
        });
    }

    [Test]
    public async Task ShouldSweepBatchAfterBatch_UntilNothingIsDue()
    {
        for (var i = 0; i < 7; i++)
        {
            await AddFinishedAsync(Long.AddMinutes(i), 1);
        }

        var result = await Sweeper(batchSize: 2).SweepAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Orchestrations, Is.EqualTo(7));
            Assert.That(Directory.GetFiles(_directory), Is.Empty);
        });
        Assert.That(await _repository.FindDueForRemovalAsync(_clock.GetUtcNow(), 10, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task ShouldSkipTheSweep_WhileAnotherHoldsTheLock()
    {
        var old = await AddFinishedAsync(Long, 10);
        var held = await _lock.TryAcquireAsync(CancellationToken.None);

        var skipped = await Sweeper().SweepAsync(CancellationToken.None);
        var stillThere = await _repository.FindAsync(old.Id, CancellationToken.None);
        await held!.DisposeAsync();
        var swept = await Sweeper().SweepAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(skipped.Ran, Is.False);
            Assert.That(stillThere, Is.Not.Null);
            Assert.That(swept.Orchestrations, Is.EqualTo(1), "once the lock is free");
        });
    }

    [Test]
    public async Task ShouldPurgeExpiredIdempotencyKeys_InTheSameSweep()
    {
        var running = new OrchestrationBuilder().WithItem().Build();
        await _repository.AddIdempotentAsync(running, new IdempotencyKey("expired", "f", _clock.GetUtcNow().AddMinutes(-1)), CancellationToken.None);
        await _repository.AddIdempotentAsync(new OrchestrationBuilder().WithItem().Build(), new IdempotencyKey("live", "f", _clock.GetUtcNow().AddHours(1)), CancellationToken.None);

        var result = await Sweeper().SweepAsync(CancellationToken.None);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(result.IdempotencyKeys, Is.EqualTo(1));
            Assert.That(await _repository.FindAsync(running.Id, CancellationToken.None), Is.Not.Null, "only the key goes");
        });
    }
}
