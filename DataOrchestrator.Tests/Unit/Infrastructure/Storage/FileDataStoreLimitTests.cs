using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Storage;
using DataOrchestrator.Infrastructure.Storage;
using DataOrchestrator.Tests.Support.Fakes;
using DataOrchestrator.Tests.Support.Metrics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Storage;

/// <summary>MAX_DOWNLOAD_BYTES and MIN_FREE_DISK_BYTES: refused before writing when the length is announced, else stopped in time.</summary>
public sealed class FileDataStoreLimitTests
{
    private const long MiB = 1024 * 1024;

    private readonly RecordedMetrics _metrics = new();
    private string _directory = null!;

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("do-limits-").FullName;

    [TearDown]
    public void TearDown()
    {
        Directory.Delete(_directory, recursive: true);
        _metrics.Dispose();
    }

    private FileDataStore Store(long maxDownloadBytes = 0, long minFreeBytes = 0, IDiskSpace? disk = null) => new(
        Options.Create(new StorageOptions { DataPath = _directory, MaxDownloadBytes = maxDownloadBytes, MinFreeBytes = minFreeBytes }),
        new FakeTimeProvider(),
        _metrics.Metrics,
        disk ?? new FakeDiskSpace(long.MaxValue));

    private string[] Files() => Directory.GetFiles(_directory);

    [Test]
    public async Task ShouldRefuseWithoutReading_WhenTheAnnouncedLengthExceedsTheLimit()
    {
        var content = new GeneratedStream(1001);
        await using var payload = new DataPayload(content, "application/json", 1001);

        var refused = Assert.ThrowsAsync<DownloadTooLargeException>(async () => await Store(maxDownloadBytes: 1000).SaveAsync("tp-1", payload, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Message, Does.Contain("1001 bytes").And.Contain("limit of 1000 bytes").And.Contain("MAX_DOWNLOAD_BYTES"));
            Assert.That(content.Sent, Is.Zero, "not a byte was read");
            Assert.That(Files(), Is.Empty);
        });
    }

    [Test]
    public async Task ShouldStopAndLeaveNoFile_WhenAnUnannouncedDownloadPassesTheLimit()
    {
        var content = new GeneratedStream(50 * MiB);
        await using var payload = new DataPayload(content, "application/octet-stream", null);

        var stopped = Assert.ThrowsAsync<DownloadTooLargeException>(async () => await Store(maxDownloadBytes: 3 * MiB).SaveAsync("tp-1", payload, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(stopped!.Message, Does.Contain("passed the limit of 3145728 bytes (3 MiB)").And.Contain("MAX_DOWNLOAD_BYTES"));
            Assert.That(content.Sent, Is.LessThanOrEqualTo(3 * MiB + 128 * 1024), "stopped at the chunk that passed the limit");
            Assert.That(_metrics.Of("dataorchestrator.download.bytes").Sum(m => m.Value), Is.LessThanOrEqualTo(3 * MiB), "never more than the limit written");
            Assert.That(Files(), Is.Empty, "the partial file is removed");
        });
    }

    [Test]
    public async Task ShouldStopAtTheLimit_WhenTheDataPlaneSendsMoreThanItAnnounced()
    {
        var content = new GeneratedStream(50 * MiB);
        await using var payload = new DataPayload(content, "application/octet-stream", 10);

        Assert.That(async () => await Store(maxDownloadBytes: MiB).SaveAsync("tp-1", payload, CancellationToken.None), Throws.InstanceOf<DownloadTooLargeException>());
        Assert.Multiple(() =>
        {
            Assert.That(content.Sent, Is.LessThanOrEqualTo(MiB + 128 * 1024));
            Assert.That(Files(), Is.Empty);
        });
    }

    [TestCase(1000L)]
    [TestCase(null)]
    public async Task ShouldSaveADownloadOfExactlyTheLimit(long? announced)
    {
        await using var payload = new DataPayload(new GeneratedStream(1000), "application/json", announced);

        var stored = await Store(maxDownloadBytes: 1000).SaveAsync("tp-1", payload, CancellationToken.None);

        Assert.That(new FileInfo(stored.StoragePath).Length, Is.EqualTo(1000));
    }

    [Test]
    public async Task ShouldNotLimitTheSize_WhenMaxDownloadBytesIsZero()
    {
        // 20 GiB announced, more than the default limit: with 0 it is not refused up front; only the short body fails it.
        await using var payload = new DataPayload(new GeneratedStream(MiB), "application/json", 20L << 30);

        Assert.That(async () => await Store(maxDownloadBytes: 0).SaveAsync("tp-1", payload, CancellationToken.None), Throws.InstanceOf<DataPlaneException>());
    }

    [Test]
    public async Task ShouldRefuseWithoutReading_WhenTheAnnouncedLengthWouldNotLeaveTheMinimumFree()
    {
        var disk = new FakeDiskSpace(10 * MiB);
        var content = new GeneratedStream(7 * MiB);
        await using var payload = new DataPayload(content, "application/octet-stream", 7 * MiB);

        var refused = Assert.ThrowsAsync<InsufficientDiskSpaceException>(async () => await Store(minFreeBytes: 4 * MiB, disk: disk).SaveAsync("tp-1", payload, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Message, Does.Contain("10485760 bytes (10 MiB) are free").And.Contain("7340032 bytes (7 MiB) announced").And.Contain("MIN_FREE_DISK_BYTES"));
            Assert.That(content.Sent, Is.Zero, "not a byte was read");
            Assert.That(Files(), Is.Empty);
        });
    }

    [Test]
    public async Task ShouldSave_WhenTheAnnouncedLengthLeavesExactlyTheMinimumFree()
    {
        await using var payload = new DataPayload(new GeneratedStream(6 * MiB), "application/octet-stream", 6 * MiB);

        var stored = await Store(minFreeBytes: 4 * MiB, disk: new FakeDiskSpace(10 * MiB)).SaveAsync("tp-1", payload, CancellationToken.None);

        Assert.That(stored.Bytes, Is.EqualTo(6 * MiB));
    }

    [Test]
    public async Task ShouldRefuseWithoutWriting_WhenTheDiskIsAlreadyBelowTheMinimum_AndNoLengthIsAnnounced()
    {
        var content = new GeneratedStream(1000);
        await using var payload = new DataPayload(content, "application/json", null);

        var refused = Assert.ThrowsAsync<InsufficientDiskSpaceException>(
            async () => await Store(minFreeBytes: 4 * MiB, disk: new FakeDiskSpace(3 * MiB)).SaveAsync("tp-1", payload, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Message, Does.Contain("only 3145728 bytes (3 MiB) are free"));
            Assert.That(content.Sent, Is.Zero);
            Assert.That(Files(), Is.Empty);
        });
    }

    [Test]
    public async Task ShouldStopAndLeaveNoFile_WhenTheDownloadFillsTheDisk()
    {
        // No length announced: the up-front check passes, and the file itself eats the free space.
        var disk = new FakeDiskSpace(40 * MiB);
        var content = new GeneratedStream(64 * MiB);
        await using var payload = new DataPayload(content, "application/octet-stream", null);

        var stopped = Assert.ThrowsAsync<InsufficientDiskSpaceException>(async () => await Store(minFreeBytes: 8 * MiB, disk: disk).SaveAsync("tp-1", payload, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(stopped!.Message, Does.Contain("MIN_FREE_DISK_BYTES").And.Contain("partial file removed"));
            Assert.That(content.Sent, Is.InRange(32 * MiB, 40 * MiB), "stopped within one check interval of the reserve");
            Assert.That(Files(), Is.Empty, "the partial file is removed");
        });
    }

    [Test]
    public async Task ShouldStopAndLeaveNoFile_WhenSomethingElseFillsTheDiskDuringTheDownload()
    {
        var disk = new FakeDiskSpace(100 * MiB);
        var content = new GeneratedStream(20 * MiB, onRead: sent => disk.OtherUsage = sent >= 10 * MiB ? 75 * MiB : 0);
        await using var payload = new DataPayload(content, "application/octet-stream", 20 * MiB);

        var stopped = Assert.ThrowsAsync<InsufficientDiskSpaceException>(async () => await Store(minFreeBytes: 8 * MiB, disk: disk).SaveAsync("tp-1", payload, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(stopped!.Message, Does.StartWith("after "), "it started, then stopped");
            Assert.That(content.Sent, Is.LessThan(20 * MiB), "stopped before the end");
            Assert.That(Files(), Is.Empty);
        });
    }

    [Test]
    public async Task ShouldAskForFreeSpaceAboutEvery8MiB_NotForEveryChunk()
    {
        var disk = new FakeDiskSpace(long.MaxValue);
        await using var payload = new DataPayload(new GeneratedStream(64 * MiB), "application/octet-stream", null);

        await Store(minFreeBytes: MiB, disk: disk).SaveAsync("tp-1", payload, CancellationToken.None);

        Assert.That(disk.Probes, Is.InRange(1 + (64 / 8) - 1, 1 + (64 / 8)), "once before writing, then once per 8 MiB (64 MiB come in 512 chunks)");
    }
}
