using System.Security.Cryptography;
using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Infrastructure.Storage;
using DataOrchestrator.Tests.Support.Fakes;
using DataOrchestrator.Tests.Support.Metrics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Storage;

/// <summary>A download written over several connections: the file and its SHA-256 are those of the whole payload.</summary>
public sealed class PartialFileTests
{
    private readonly RecordedMetrics _metrics = new();
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(500_000);
    private string _directory = null!;

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("do-partial-").FullName;

    [TearDown]
    public void TearDown()
    {
        Directory.Delete(_directory, recursive: true);
        _metrics.Dispose();
    }

    private FileDataStore Store() =>
        new(Options.Create(new StorageOptions { DataPath = _directory }), new FakeTimeProvider(), _metrics.Metrics, new FakeDiskSpace(long.MaxValue));

    private string WholeSha256 => Convert.ToHexStringLower(SHA256.HashData(_content));

    [Test]
    public async Task ShouldContinueTheFileAndItsHash_WhenAppendedInPieces()
    {
        await using var partial = await Store().BeginAsync("tp-1", "application/octet-stream", _content.Length, CancellationToken.None);

        await partial.AppendAsync(new MemoryStream(_content, 0, 123_457), CancellationToken.None);
        var received = partial.Received;
        await partial.AppendAsync(new MemoryStream(_content, 123_457, _content.Length - 123_457), CancellationToken.None);
        var stored = await partial.CompleteAsync(_content.Length, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EqualTo(123_457));
            Assert.That(stored.Sha256, Is.EqualTo(WholeSha256));
            Assert.That(File.ReadAllBytes(stored.StoragePath), Is.EqualTo(_content));
            Assert.That(Directory.GetFiles(_directory), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task ShouldForgetWhatWasWritten_WhenRestarted()
    {
        await using var partial = await Store().BeginAsync("tp-1", null, _content.Length, CancellationToken.None);

        await partial.AppendAsync(new MemoryStream(RandomNumberGenerator.GetBytes(70_000)), CancellationToken.None);
        partial.Restart();
        await partial.AppendAsync(new MemoryStream(_content), CancellationToken.None);
        var stored = await partial.CompleteAsync(_content.Length, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(stored.Bytes, Is.EqualTo(_content.Length));
            Assert.That(stored.Sha256, Is.EqualTo(WholeSha256));
            Assert.That(File.ReadAllBytes(stored.StoragePath), Is.EqualTo(_content));
        });
    }

    [Test]
    public async Task ShouldRefuseAShortBody_AndLeaveNoFile()
    {
        var partial = await Store().BeginAsync("tp-1", null, _content.Length, CancellationToken.None);
        await partial.AppendAsync(new MemoryStream(_content, 0, 1000), CancellationToken.None);

        Assert.That(async () => await partial.CompleteAsync(_content.Length, CancellationToken.None), Throws.InstanceOf<DataPlaneException>());
        await partial.DisposeAsync();
        Assert.That(Directory.GetFiles(_directory), Is.Empty);
    }
}
