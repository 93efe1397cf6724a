using System.Text.Json;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>GET /status/{id} shows how far a running download got, and what it announced, through the real API.</summary>
public sealed class DownloadProgressTests
{
    private const long Total = 32L << 20;
    private const long Sent = 3L << 20;

    private static JsonElement Item(JsonElement entry) => entry.GetProperty("items")[0];

    [Test]
    public async Task ShouldReportBytesDownloadedOfBytesTotal_WhileDownloading_AndTheFileSizeOnceSaved()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Edc:ProgressIntervalMs"] = "50" });
        harness.Simulator.State.SetBehaviour("stalls", new() { PayloadBytes = Total, StallAfterBytes = Sent });
        harness.Simulator.State.SetBehaviour("small", new() { PayloadBytes = 5000 });

        var stalled = await harness.SubmitAsync(harness.ExampleRequest("stalls"));
        var downloading = await harness.WaitUntilAsync(stalled, e => Item(e).GetProperty("bytes_downloaded").ValueKind == JsonValueKind.Number
            && Item(e).GetProperty("bytes_downloaded").GetInt64() == Sent);
        var saved = Item(await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest("small"))));

        Assert.Multiple(() =>
        {
            Assert.That(Item(downloading).GetProperty("status").GetString(), Is.EqualTo("DOWNLOADING"));
            Assert.That(Item(downloading).GetProperty("bytes_total").GetInt64(), Is.EqualTo(Total), "from Content-Length");
            Assert.That(saved.GetProperty("bytes_downloaded").GetInt64(), Is.EqualTo(5000));
            Assert.That(saved.GetProperty("bytes_total").GetInt64(), Is.EqualTo(5000));
            Assert.That(saved.GetProperty("bytes").GetInt64(), Is.EqualTo(5000));
        });

        using var cancel = await harness.Client.PostAsync($"/orchestrate/{stalled}/cancel", null);
        Assert.That(Item(await harness.WaitForFinalAsync(stalled)).GetProperty("status").GetString(), Is.EqualTo("CANCELLED"));
    }
}
