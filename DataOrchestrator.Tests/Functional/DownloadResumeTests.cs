using System.Security.Cryptography;
using System.Text.Json;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.EdcSimulator.DataPlane;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>
/// A download whose connection breaks after the headers (reset or body cut short) is tried again: resumed with a
/// Range where the data plane serves ranges, started again where it does not, and never saved short.
/// </summary>
public sealed class DownloadResumeTests
{
    private const long PayloadBytes = 3L * 1024 * 1024 + 17;

    private static Task<ServiceHarness> StartAsync(int retries = 5) => ServiceHarness.StartAsync(new Dictionary<string, string?>
    {
        ["Edc:DownloadRetries"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Edc:DownloadRetryDelayMs"] = "10",
    });

    private static async Task<(JsonElement Item, RecordedDownload[] Downloads)> RunAsync(ServiceHarness harness, AgreementBehaviour behaviour)
    {
        harness.Simulator.State.SetBehaviour("cut", behaviour);
        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest("cut")));
        var downloads = harness.Simulator.State.Calls
            .Where(c => c.Path.StartsWith("/api/public", StringComparison.Ordinal))
            .Select(c => new RecordedDownload(c.StatusCode, c.Fault))
            .ToArray();
        return (entry.GetProperty("items")[0], downloads);
    }

    private static string FileSha256(ServiceHarness harness) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(harness.FilesOnDisk().Single())));

    [TestCase("MidBodyReset")]
    [TestCase("ShortBody")]
    public async Task ShouldResumeWithARange_AndSaveThePayloadWhole_WhenTheConnectionBreaksMidBody(string kind)
    {
        await using var harness = await StartAsync();

        var (item, downloads) = await RunAsync(harness, new() { PayloadBytes = PayloadBytes, DataPlaneCuts = 2, DataPlaneCutKind = kind });

        Assert.Multiple(() =>
        {
            Assert.That(item.GetProperty("status").GetString(), Is.EqualTo("SAVED"), item.ToString());
            Assert.That(item.GetProperty("bytes").GetInt64(), Is.EqualTo(PayloadBytes));
            Assert.That(item.GetProperty("sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SimulatedPayload.ComputeSha256(PayloadBytes))));
            Assert.That(FileSha256(harness), Is.EqualTo(item.GetProperty("sha256").GetString()), "the file is the payload, byte for byte");
            Assert.That(downloads, Has.Length.EqualTo(3));
            Assert.That(downloads.Take(2).Select(d => d.Fault), Has.All.EqualTo(kind), "the first two were cut");
            // The log's status of a cut call is what the simulator saw as the connection broke; the last one is clean.
            Assert.That(downloads[^1].StatusCode, Is.EqualTo(206), "the last retry asked for the rest and got it");
        });
    }

    [Test]
    public async Task ShouldStartAgainFromTheFirstByte_WhenTheDataPlaneServesNoRanges()
    {
        await using var harness = await StartAsync();
        harness.Simulator.State.DataPlaneRanges = false;

        var (item, downloads) = await RunAsync(harness, new() { PayloadBytes = PayloadBytes, DataPlaneCuts = 2, DataPlaneCutKind = "ShortBody" });

        Assert.Multiple(() =>
        {
            Assert.That(item.GetProperty("status").GetString(), Is.EqualTo("SAVED"), item.ToString());
            Assert.That(item.GetProperty("sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SimulatedPayload.ComputeSha256(PayloadBytes))));
            Assert.That(FileSha256(harness), Is.EqualTo(item.GetProperty("sha256").GetString()));
            Assert.That(downloads.Select(d => d.StatusCode), Is.EqualTo(new[] { 200, 200, 200 }));
        });
    }

    [TestCase("MidBodyReset")]
    [TestCase("ShortBody")]
    public async Task ShouldFailTheItemAndLeaveNoFile_WhenEveryRetryBreaksToo(string kind)
    {
        await using var harness = await StartAsync(retries: 2);

        var (item, downloads) = await RunAsync(harness, new() { PayloadBytes = PayloadBytes, DataPlaneCuts = 100, DataPlaneCutKind = kind });

        Assert.Multiple(() =>
        {
            Assert.That(item.GetProperty("status").GetString(), Is.EqualTo("FAILED"), item.ToString());
            Assert.That(item.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo(ItemErrorCodes.DownloadFailed));
            Assert.That(downloads, Has.Length.EqualTo(3), "the first try and two retries");
            Assert.That(harness.FilesOnDisk(), Is.Empty, "a short body is never saved, and the partial file is gone");
        });
    }

    private sealed record RecordedDownload(int StatusCode, string? Fault);
}
