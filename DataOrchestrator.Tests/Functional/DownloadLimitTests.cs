using System.Text.Json;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Storage;
using DataOrchestrator.Tests.Support.Fakes;
using DataOrchestrator.Tests.Support.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DataOrchestrator.Tests.Functional;

/// <summary>
/// MAX_DOWNLOAD_BYTES and MIN_FREE_DISK_BYTES through the real service and data plane: the item over a limit fails with
/// its own code and leaves nothing on disk, while the other items of the orchestration are saved.
/// </summary>
public sealed class DownloadLimitTests
{
    private const long MiB = 1024 * 1024;

    private static JsonElement Item(JsonElement entry, int index) => entry.GetProperty("items")[index];

    private static string? ErrorCode(JsonElement item) => item.GetProperty("error").GetProperty("code").GetString();

    private static string? ErrorMessage(JsonElement item) => item.GetProperty("error").GetProperty("message").GetString();

    private static async Task<JsonElement> RunAsync(ServiceHarness harness, params string[] contractIds) =>
        await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest(contractIds)), TimeSpan.FromSeconds(60));

    private static void AssertOnlyTheSmallItemIsSaved(ServiceHarness harness, JsonElement entry, string code)
    {
        var failed = Item(entry, 0);
        var saved = Item(entry, 1);
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("PARTIALLY_COMPLETED"));
            Assert.That(failed.GetProperty("status").GetString(), Is.EqualTo("FAILED"));
            Assert.That(ErrorCode(failed), Is.EqualTo(code));
            Assert.That(failed.GetProperty("storage_path").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(saved.GetProperty("status").GetString(), Is.EqualTo("SAVED"), "the other item is not affected");
            Assert.That(harness.FilesOnDisk(), Is.EqualTo(new[] { Path.GetFullPath(saved.GetProperty("storage_path").GetString()!) }), "no partial or temporary file");
        });
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task ShouldFailItemWithDownloadTooLarge_BeforeWriting_WhenTheAnnouncedLengthExceedsTheLimit()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Storage:MaxDownloadBytes"] = $"{MiB}" });
        harness.Simulator.State.SetBehaviour("too-big", new() { PayloadBytes = 4 * MiB });

        var entry = await RunAsync(harness, "too-big", "small");

        AssertOnlyTheSmallItemIsSaved(harness, entry, ItemErrorCodes.DownloadTooLarge);
        Assert.That(
            ErrorMessage(Item(entry, 0)),
            Does.Contain("announced 4194304 bytes (4 MiB)").And.Contain("limit of 1048576 bytes (1 MiB) (MAX_DOWNLOAD_BYTES)").And.Contain("nothing was written"));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task ShouldFailItemWithDownloadTooLarge_AndRemoveThePartialFile_WhenAChunkedBodyPassesTheLimit()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Storage:MaxDownloadBytes"] = $"{MiB}" });
        harness.Simulator.State.SetBehaviour("too-big", new() { PayloadBytes = 16 * MiB, OmitContentLength = true });

        var entry = await RunAsync(harness, "too-big", "small");

        AssertOnlyTheSmallItemIsSaved(harness, entry, ItemErrorCodes.DownloadTooLarge);
        Assert.That(ErrorMessage(Item(entry, 0)), Does.Contain("passed the limit of 1048576 bytes").And.Contain("partial file was removed"), "stopped while writing, not refused up front");
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task ShouldFailItemWithInsufficientDiskSpace_BeforeWriting_WhenTheAnnouncedLengthDoesNotFit()
    {
        var disk = new FakeDiskSpace(40 * MiB);
        await using var harness = await ServiceHarness.StartAsync(
            new Dictionary<string, string?> { ["Storage:MinFreeBytes"] = $"{8 * MiB}" }, services: s => s.AddSingleton<IDiskSpace>(disk));
        harness.Simulator.State.SetBehaviour("does-not-fit", new() { PayloadBytes = 33 * MiB });

        var entry = await RunAsync(harness, "does-not-fit", "small");

        AssertOnlyTheSmallItemIsSaved(harness, entry, ItemErrorCodes.InsufficientDiskSpace);
        Assert.That(ErrorMessage(Item(entry, 0)), Does.Contain("34603008 bytes (33 MiB) announced").And.Contain("MIN_FREE_DISK_BYTES").And.Contain("nothing was written"));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task ShouldFailItemWithInsufficientDiskSpace_AndRemoveThePartialFile_WhenTheDiskFillsDuringTheDownload()
    {
        // A 40 MiB disk that fills as the files are written; the chunked 64 MiB body passes the check before writing.
        var disk = new FakeDiskSpace(40 * MiB);
        await using var harness = await ServiceHarness.StartAsync(
            new Dictionary<string, string?> { ["Storage:MinFreeBytes"] = $"{8 * MiB}" }, services: s => s.AddSingleton<IDiskSpace>(disk));
        harness.Simulator.State.SetBehaviour("fills-the-disk", new() { PayloadBytes = 64 * MiB, OmitContentLength = true });

        var entry = await RunAsync(harness, "fills-the-disk", "small");

        AssertOnlyTheSmallItemIsSaved(harness, entry, ItemErrorCodes.InsufficientDiskSpace);
        Assert.Multiple(() =>
        {
            Assert.That(ErrorMessage(Item(entry, 0)), Does.StartWith("Saving the data stopped: after ").And.Contain("partial file removed"));
            Assert.That(disk.Probes, Is.GreaterThan(2), "the injected probe was asked, before and during the download");
        });
    }
}
