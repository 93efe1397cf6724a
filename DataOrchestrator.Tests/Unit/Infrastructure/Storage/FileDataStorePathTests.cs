using System.Text;
using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Infrastructure.Storage;
using DataOrchestrator.Tests.Support.Fakes;
using DataOrchestrator.Tests.Support.Metrics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Storage;

/// <summary>Whatever transfer id or content type a connector hands out, files land in the data directory under a usable name.</summary>
public sealed class FileDataStorePathTests
{
    /// <summary>Most file systems (ext4, XFS, NTFS, APFS) allow 255 bytes (or UTF-16 units) per name.</summary>
    private const int FileNameLimit = 255;

    private readonly RecordedMetrics _metrics = new();
    private string _parent = null!;
    private string _directory = null!;

    [SetUp]
    public void SetUp()
    {
        // The data directory two levels deep in a directory of its own, so anything escaping it can be seen.
        _parent = Directory.CreateTempSubdirectory("do-paths-").FullName;
        _directory = Directory.CreateDirectory(Path.Combine(_parent, "a", "data")).FullName;
    }

    [TearDown]
    public void TearDown()
    {
        Directory.Delete(_parent, recursive: true);
        _metrics.Dispose();
    }

    private FileDataStore Store() =>
        new(Options.Create(new StorageOptions { DataPath = _directory }), new FakeTimeProvider(), _metrics.Metrics, new FakeDiskSpace(long.MaxValue));

    public static IEnumerable<TestCaseData> HostileTransferIds()
    {
        yield return new TestCaseData("../../evil").SetName("{m}(dot-dot-slash)");
        yield return new TestCaseData("..").SetName("{m}(dot-dot)");
        yield return new TestCaseData("/tmp/evil").SetName("{m}(absolute)");
        yield return new TestCaseData("..\\..\\evil").SetName("{m}(backslashes)");
        yield return new TestCaseData("C:\\Windows\\evil").SetName("{m}(drive)");
        yield return new TestCaseData("evil\0.json").SetName("{m}(NUL)");
        yield return new TestCaseData("a\nb\rc\td\u001b[31m\u007f").SetName("{m}(control characters)");
        yield return new TestCaseData(new string('a', 300)).SetName("{m}(300 ASCII characters)");
        yield return new TestCaseData(string.Concat(Enumerable.Repeat("é", 200))).SetName("{m}(400 UTF-8 bytes)");
        yield return new TestCaseData(string.Concat(Enumerable.Repeat("\U0001F4A5", 200))).SetName("{m}(surrogate pairs)");
        yield return new TestCaseData(new string('/', 5000)).SetName("{m}(5000 slashes)");
        yield return new TestCaseData(" ").SetName("{m}(blank)");
    }

    [TestCaseSource(nameof(HostileTransferIds))]
    public async Task ShouldSaveInsideTheDataDirectory_UnderANameTheFileSystemAccepts(string transferId)
    {
        await using var payload = new DataPayload(new MemoryStream([1, 2, 3]), "application/json", 3);

        var stored = await Store().SaveAsync(transferId, payload, CancellationToken.None);

        var name = Path.GetFileName(stored.StoragePath);
        Assert.Multiple(() =>
        {
            Assert.That(Path.GetDirectoryName(Path.GetFullPath(stored.StoragePath)), Is.EqualTo(_directory));
            Assert.That(name, Does.Match(@"^file_[A-Za-z0-9_.-]+_\d{14}_[0-9a-f]{6}\.json$"));
            Assert.That(Encoding.UTF8.GetByteCount(name), Is.LessThanOrEqualTo(FileNameLimit));
            Assert.That(Directory.GetFiles(_directory), Is.EqualTo(new[] { Path.Combine(_directory, name) }), "no temporary file is left");
            Assert.That(Directory.GetFileSystemEntries(_parent, "*", SearchOption.AllDirectories), Has.Length.EqualTo(3), "a, a/data and the file: nothing else");
        });
    }

    [Test]
    public async Task ShouldKeepTheTemporaryNameWithinTheLimitToo_ForTheLongestIdAndExtension()
    {
        string[]? during = null;
        var content = new GeneratedStream(10, onRead: _ => during ??= Directory.GetFiles(_directory));
        await using var payload = new DataPayload(content, "text/abcdefghijkl", 10);

        var stored = await Store().SaveAsync(new string('\\', 1000), payload, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(during, Has.One.Items.And.All.Contain(".part"), "the hidden temporary file was there while writing");
            Assert.That(Path.GetFileName(during![0]).Length, Is.LessThanOrEqualTo(FileNameLimit));
            Assert.That(Path.GetFileName(stored.StoragePath), Does.EndWith(".abcdefghijkl"), "the longest extension a content type can give");
        });
    }

    [TestCase("application/x-../../../evil")]
    [TestCase("text/../../../etc/passwd")]
    [TestCase("text/plain; name=../../evil.sh")]
    [TestCase("../../evil")]
    [TestCase("/etc/passwd")]
    [TestCase("text/a\\b")]
    public async Task ShouldChooseAPlainExtension_WhenTheContentTypeCarriesPathParts(string contentType)
    {
        await using var payload = new DataPayload(new MemoryStream([1]), contentType, 1);

        var stored = await Store().SaveAsync("tp-1", payload, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(Path.GetDirectoryName(Path.GetFullPath(stored.StoragePath)), Is.EqualTo(_directory));
            Assert.That(Path.GetFileName(stored.StoragePath), Does.Match(@"^file_tp-1_\d{14}_[0-9a-f]{6}\.[a-z0-9]{1,12}$"));
        });
    }

    [Test]
    public async Task ShouldNotRemoveAnotherTransfersFiles_WhoseIdStartsWithThisId()
    {
        await SaveAsync("tp-1");
        var longer = await SaveAsync("tp-1_20260101000000_abcdef");

        await Store().RemoveUnrecordedAsync("tp-1", CancellationToken.None);

        Assert.That(Directory.GetFiles(_directory), Is.EqualTo(new[] { longer }));
    }

    [Test]
    public async Task ShouldNotRemoveAnotherTransfersFiles_WhoseIdSanitisesAlike()
    {
        var slash = await SaveAsync("tp/1");
        await SaveAsync("tp_1");
        var longA = await SaveAsync(new string('a', 200) + "x");
        await SaveAsync(new string('a', 200) + "y");

        await Store().RemoveUnrecordedAsync("tp_1", CancellationToken.None);
        await Store().RemoveUnrecordedAsync(new string('a', 200) + "y", CancellationToken.None);

        Assert.That(Directory.GetFiles(_directory), Is.EquivalentTo(new[] { slash, longA }));
    }

    [Test]
    public async Task ShouldRemoveTheUnrecordedFilesOfAHostileId_Too()
    {
        const string transferId = "../../x\0y";
        var saved = await SaveAsync(transferId);
        await File.WriteAllBytesAsync(Path.Combine(_directory, $".{Path.GetFileName(saved)}.0123abcd.part"), [1]);

        await Store().RemoveUnrecordedAsync(transferId, CancellationToken.None);

        Assert.That(Directory.GetFiles(_directory), Is.Empty);
    }

    private async Task<string> SaveAsync(string transferId)
    {
        await using var payload = new DataPayload(new MemoryStream([1]), "application/json", 1);
        return Path.GetFullPath((await Store().SaveAsync(transferId, payload, CancellationToken.None)).StoragePath);
    }
}
