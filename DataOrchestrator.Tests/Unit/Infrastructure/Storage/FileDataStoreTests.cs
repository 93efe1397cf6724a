using System.Globalization;
using System.Security.Cryptography;
using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Infrastructure.Storage;
using DataOrchestrator.Tests.Support.Fakes;
using DataOrchestrator.Tests.Support.Metrics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Storage;

public sealed class FileDataStoreTests
{
    private readonly RecordedMetrics _metrics = new();
    private string _directory = null!;

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("do-store-").FullName;

    [TearDown]
    public void TearDown()
    {
        Directory.Delete(_directory, recursive: true);
        _metrics.Dispose();
    }

    private FileDataStore Store() =>
        new(Options.Create(new StorageOptions { DataPath = _directory }), new FakeTimeProvider(), _metrics.Metrics, new FakeDiskSpace(long.MaxValue));

    [Test]
    public async Task ShouldSaveBytesWithTheirSha256_UnderTheOriginalsName()
    {
        var content = RandomNumberGenerator.GetBytes(300_000);
        await using var payload = new DataPayload(new MemoryStream(content), "application/json", content.Length);

        var stored = await Store().SaveAsync("tp-1", payload, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(Path.GetFileName(stored.StoragePath), Does.Match(@"^file_tp-1_\d{14}_[0-9a-f]{6}\.json$"));
            Assert.That(stored.Bytes, Is.EqualTo(content.Length));
            Assert.That(stored.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(content))));
            Assert.That(File.ReadAllBytes(stored.StoragePath), Is.EqualTo(content));
            Assert.That(Directory.GetFiles(_directory), Has.Length.EqualTo(1), "no temporary file is left");
            Assert.That(_metrics.Of("dataorchestrator.download.bytes"), Has.Count.GreaterThan(1), "counted as the chunks are written");
            Assert.That(_metrics.Of("dataorchestrator.download.bytes").Sum(m => m.Value), Is.EqualTo(content.Length));
        });
    }

    [Test]
    public async Task ShouldKeepFileInsideDataDirectory_ForHostileTransferIds()
    {
        await using var payload = new DataPayload(new MemoryStream([1]), null, 1);
        var stored = await Store().SaveAsync("../../../tmp/evil", payload, CancellationToken.None);
        Assert.That(Path.GetDirectoryName(Path.GetFullPath(stored.StoragePath)), Is.EqualTo(_directory));
    }

    [Test]
    public async Task ShouldLeaveNoFile_WhenDownloadBreaksOff()
    {
        await using var payload = new DataPayload(new FailingStream(bytesBeforeFailure: 200_000), "application/octet-stream", null);

        Assert.That(async () => await Store().SaveAsync("tp-2", payload, CancellationToken.None), Throws.InstanceOf<DataPlaneException>());
        Assert.That(Directory.GetFiles(_directory), Is.Empty);
    }

    [Test]
    public async Task ShouldLeaveNoFile_WhenFewerBytesArriveThanAnnounced()
    {
        await using var payload = new DataPayload(new MemoryStream(new byte[10]), "application/json", 20);

        Assert.That(async () => await Store().SaveAsync("tp-3", payload, CancellationToken.None), Throws.InstanceOf<DataPlaneException>());
        Assert.That(Directory.GetFiles(_directory), Is.Empty);
    }

    [Test]
    public async Task ShouldLeaveNoFile_WhenCancelled()
    {
        using var cancellation = new CancellationTokenSource();
        await using var payload = new DataPayload(new FailingStream(bytesBeforeFailure: long.MaxValue, onRead: cancellation.Cancel), null, null);

        Assert.That(async () => await Store().SaveAsync("tp-4", payload, cancellation.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Directory.GetFiles(_directory), Is.Empty);
    }

    private sealed class FailingStream(long bytesBeforeFailure, Action? onRead = null) : Stream
    {
        private long _sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _sent; set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            onRead?.Invoke();
            cancellationToken.ThrowIfCancellationRequested();
            if (_sent >= bytesBeforeFailure)
            {
                throw new IOException("connection reset");
            }

            var count = (int)Math.Min(buffer.Length, bytesBeforeFailure - _sent);
            buffer.Span[..count].Fill(7);
            _sent += count;
            return ValueTask.FromResult(count);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Test]
    public async Task ShouldRemoveOnlyTheUnrecordedFilesOfOneTransfer_BeforeAResumedDownload()
    {
        await using (var first = new DataPayload(new MemoryStream([1]), "application/json", 1))
        {
            await Store().SaveAsync("tp-1", first, CancellationToken.None);
        }

        await using (var other = new DataPayload(new MemoryStream([2]), "application/json", 1))
        {
            await Store().SaveAsync("tp-10", other, CancellationToken.None);
        }

        File.WriteAllBytes(Path.Combine(_directory, ".file_tp-1_20260101000000_abcdef.json.0123.part"), [3]);

        await Store().RemoveUnrecordedAsync("tp-1", CancellationToken.None);

        Assert.That(Directory.GetFiles(_directory).Select(Path.GetFileName), Has.One.Items.And.All.StartsWith("file_tp-10_"));
    }

    [Test]
    public async Task ShouldDeleteASavedFile_ThatWillNotBeRecorded()
    {
        await using var payload = new DataPayload(new MemoryStream([1]), "application/json", 1);
        var stored = await Store().SaveAsync("tp-1", payload, CancellationToken.None);

        await Store().DeleteAsync(stored, CancellationToken.None);

        Assert.That(Directory.GetFiles(_directory), Is.Empty);
    }

    [Test]
    public async Task ShouldDeleteARecordedFile_AndAnswerItsSize()
    {
        await using var payload = new DataPayload(new MemoryStream(new byte[1234]), "application/json", 1234);
        var stored = await Store().SaveAsync("tp-1", payload, CancellationToken.None);

        var deleted = await Store().DeleteSavedAsync(stored.StoragePath, CancellationToken.None);
        var again = await Store().DeleteSavedAsync(stored.StoragePath, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(deleted, Is.EqualTo(1234));
            Assert.That(Directory.GetFiles(_directory), Is.Empty);
            Assert.That(again, Is.Null, "a missing file is not an error");
        });
    }

    [TestCase("../{0}")]
    [TestCase("{1}/{0}")]
    [TestCase("..")]
    public async Task ShouldNeverDeleteOutsideTheDataDirectory_WhateverTheRecordSays(string storagePathFormat)
    {
        // Next to the data directory, under a name of its own (the temp directory is shared).
        var parent = Path.GetDirectoryName(_directory)!;
        var name = $"outside-{Guid.NewGuid():N}.txt";
        var outside = Path.Combine(parent, name);
        var inside = Path.Combine(_directory, "keep.txt");
        await File.WriteAllTextAsync(outside, "x");
        await File.WriteAllTextAsync(inside, "x");
        try
        {
            var deleted = await Store().DeleteSavedAsync(string.Format(CultureInfo.InvariantCulture, storagePathFormat, name, parent), CancellationToken.None);

            Assert.Multiple(() =>
            {
                Assert.That(deleted, Is.Null);
                Assert.That(File.Exists(outside), Is.True);
                Assert.That(File.Exists(inside), Is.True);
            });
        }
        finally
        {
            File.Delete(outside);
        }
    }
}
