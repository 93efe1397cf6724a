using System.Net;
using System.Text.Json;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>
/// POST /orchestrate/{id}/cancel through the real API, in every stage an item can be in, with the simulator showing
/// which transfers were terminated and the data directory showing that nothing partial stays behind.
/// </summary>
public sealed class CancelTests
{
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(5);

    private static JsonElement[] Items(JsonElement entry) => entry.GetProperty("items").EnumerateArray().ToArray();

    private static string? Status(JsonElement item) => item.GetProperty("status").GetString();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> CancelAsync(ServiceHarness harness, string orchestrationId)
    {
        using var response = await harness.Client.PostAsync($"/orchestrate/{orchestrationId}/cancel", null);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static async Task<JsonElement> CancelAndWaitAsync(ServiceHarness harness, string orchestrationId)
    {
        var (status, body) = await CancelAsync(harness, orchestrationId);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted), body.ToString());
        return await harness.WaitForFinalAsync(orchestrationId, Promptly);
    }

    [TestCase(ItemStatus.TransferRequested, TestName = "ShouldCancelAndTerminateTheTransfer_WhenWaitingForStarted")]
    [TestCase(ItemStatus.TransferStarted, TestName = "ShouldCancelAndTerminateTheTransfer_WhenWaitingForTheEdr")]
    [TestCase(ItemStatus.Downloading, TestName = "ShouldCancelAndTerminateTheTransfer_AndLeaveNoPartialFile_WhenDownloading")]
    public async Task ShouldCancelARunningItem(ItemStatus stage)
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Edc:DataAddressMaxRetries"] = "20",
            ["Edc:DataAddressRetryDelayMs"] = "50",
        });
        harness.Simulator.State.SetBehaviour("held", stage switch
        {
            ItemStatus.TransferRequested => new() { StartDelayMs = 60_000 },
            ItemStatus.TransferStarted => new() { EdrMissingCalls = 100_000 },
            _ => new() { PayloadBytes = 64L << 20, StallAfterBytes = 1L << 20 },
        });
        var id = await harness.SubmitAsync(harness.ExampleRequest("held"));
        await harness.WaitUntilAsync(id, e => Status(Items(e)[0]) == stage.ToWireName() && (stage != ItemStatus.TransferStarted || harness.Simulator.State.Calls.Any(c => c.Path.EndsWith("/dataaddress", StringComparison.Ordinal))));
        if (stage == ItemStatus.Downloading)
        {
            await WaitForAsync(() => harness.FilesOnDisk().Length > 0, "the download wrote its temporary file");
        }

        var entry = await CancelAndWaitAsync(harness, id);

        var item = Items(entry)[0];
        var transfer = harness.Simulator.State.Transfers.Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("CANCELLED"));
            Assert.That(Status(item), Is.EqualTo("CANCELLED"));
            Assert.That(item.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo(ItemErrorCodes.Cancelled));
            Assert.That(item.GetProperty("transfer_id").GetString(), Is.EqualTo(transfer.Id));
            Assert.That(transfer.TerminationReason, Is.EqualTo(TransferTerminator.CancelReason), "the transfer was terminated on the connector");
            Assert.That(harness.FilesOnDisk(), Is.Empty, "no partial or unrecorded file stays");
        });
    }

    [Test]
    public async Task ShouldCancelANegotiatingItem_WithoutStartingATransfer()
    {
        await using var harness = await ServiceHarness.StartAsync();
        harness.Simulator.State.SetOfferBehaviour("slow-offer", new() { NegotiationDelayMs = 60_000 });
        var offer = new
        {
            type = "edc-offer",
            counterPartyAddress = "http://provider-qna-controlplane:8082/api/dsp",
            counterPartyId = "did:web:provider",
            offerId = "slow-offer",
            assetId = "asset-1",
        };
        var id = await harness.SubmitAsync(new { data = new[] { offer }, connectorAddress = harness.Simulator.ConnectorAddress });
        await harness.WaitUntilAsync(id, e => Status(Items(e)[0]) == "NEGOTIATION_REQUESTED");

        var entry = await CancelAndWaitAsync(harness, id);

        Assert.Multiple(() =>
        {
            Assert.That(Status(Items(entry)[0]), Is.EqualTo("CANCELLED"));
            Assert.That(harness.Simulator.State.Transfers, Is.Empty);
        });
    }

    [Test]
    public async Task ShouldCancelQueuedItemsAtOnce_WithoutEverStartingThem()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Workers:Count"] = "1" });
        harness.Simulator.State.SetBehaviour("busy", new() { StartDelayMs = 60_000 });
        var busy = await harness.SubmitAsync(harness.ExampleRequest("busy"));
        await harness.WaitUntilAsync(busy, e => Status(Items(e)[0]) == "TRANSFER_REQUESTED");
        var waiting = await harness.SubmitAsync(harness.ExampleRequest("w1", "w2", "w3"));

        var (status, body) = await CancelAsync(harness, waiting);

        var answered = body.GetProperty("response").GetProperty("orchestration_processes").GetProperty(waiting);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(body.GetProperty("status_code").GetInt32(), Is.EqualTo(202));
            Assert.That(answered.GetProperty("process_status").GetString(), Is.EqualTo("CANCELLED"), "nothing ran, so it is final at once");
            Assert.That(Items(answered).Select(Status), Has.All.EqualTo("CANCELLED"));
            Assert.That(Items(answered).Select(i => i.GetProperty("attempts").GetInt32()), Has.All.EqualTo(0));
        });

        await CancelAndWaitAsync(harness, busy);
        await harness.WaitUntilWorkersIdleAsync();
        Assert.That(harness.Simulator.State.Transfers.Select(t => t.ContractId), Is.EqualTo(new[] { "busy" }), "the cancelled items never reached EDC");
    }

    [Test]
    public async Task ShouldKeepSavedItems_AndCancelTheRest()
    {
        await using var harness = await ServiceHarness.StartAsync();
        harness.Simulator.State.SetBehaviour("slow", new() { StartDelayMs = 60_000 });
        var id = await harness.SubmitAsync(harness.ExampleRequest("fast", "slow"));
        await harness.WaitUntilAsync(id, e => Status(Items(e)[0]) == "SAVED" && Status(Items(e)[1]) == "TRANSFER_REQUESTED");

        var entry = await CancelAndWaitAsync(harness, id);

        var items = Items(entry);
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("CANCELLED"));
            Assert.That(Status(items[0]), Is.EqualTo("SAVED"));
            Assert.That(File.Exists(Path.Combine(harness.DataDirectory, Path.GetFileName(items[0].GetProperty("storage_path").GetString()!))), "the saved file stays");
            Assert.That(Status(items[1]), Is.EqualTo("CANCELLED"));
            Assert.That(harness.Simulator.State.Transfers.Single(t => t.ContractId == "slow").TerminationReason, Is.EqualTo(TransferTerminator.CancelReason));
            Assert.That(harness.Simulator.State.Transfers.Single(t => t.ContractId == "fast").TerminationReason, Is.Not.EqualTo(TransferTerminator.CancelReason));
        });
    }

    [Test]
    public async Task ShouldAnswer409AndChangeNothing_WhenTheOrchestrationHasFinished()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var id = await harness.SubmitAsync(harness.ExampleRequest("done"));
        var before = await harness.WaitForFinalAsync(id);

        var (status, body) = await CancelAsync(harness, id);

        var after = await harness.GetEntryAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("ERROR"));
            Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("Orchestration already finished"));
            Assert.That(body.GetProperty("details").GetProperty("process_status")[0].GetString(), Is.EqualTo("COMPLETED"));
            Assert.That(after.ToString(), Is.EqualTo(before.ToString()));
        });
    }

    [Test]
    public async Task ShouldAnswer409_WhenCancelledTwiceAfterItStopped_And404_ForAnUnknownId()
    {
        await using var harness = await ServiceHarness.StartAsync();
        harness.Simulator.State.SetBehaviour("slow", new() { StartDelayMs = 60_000 });
        var id = await harness.SubmitAsync(harness.ExampleRequest("slow"));
        await harness.WaitUntilAsync(id, e => Status(Items(e)[0]) == "TRANSFER_REQUESTED");
        await CancelAndWaitAsync(harness, id);

        var (again, _) = await CancelAsync(harness, id);
        var (unknown, body) = await CancelAsync(harness, Guid.NewGuid().ToString());

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(unknown, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("Orchestration not found"));
            Assert.That(harness.Simulator.State.Calls.Count(c => c.Path.EndsWith("/terminate", StringComparison.Ordinal)), Is.EqualTo(1), "terminated once");
        });
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Promptly;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(10);
        }
    }
}
