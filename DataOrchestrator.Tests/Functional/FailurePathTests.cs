using System.Text.Json;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>Every way an item can fail ends FAILED (or the orchestration PARTIALLY_COMPLETED) with EDC's message, and leaves no file.</summary>
public sealed class FailurePathTests
{
    private ServiceHarness _harness = null!;

    [SetUp]
    public async Task SetUp() => _harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>
    {
        ["Edc:DataAddressMaxRetries"] = "3",
        ["Edc:StartTimeoutSeconds"] = "2",
        ["Edc:DownloadIdleTimeoutSeconds"] = "1",

        // A stalled download is tried again DownloadRetries times; the default first delay of 500 ms, doubling, adds
        // 15 s of waiting that shows nothing more.
        ["Edc:DownloadRetryDelayMs"] = "10",

        // Without it, an unreachable connector's item waits for it (ConnectorOutageTests, DeadConnectorTests).
        ["Edc:EdcUnavailableTimeoutSeconds"] = "0",
    });

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    private void Behave(string contractId, AgreementBehaviour behaviour) => _harness.Simulator.State.SetBehaviour(contractId, behaviour);

    private async Task<JsonElement> RunAsync(params string[] contractIds) =>
        await _harness.WaitForFinalAsync(await _harness.SubmitAsync(_harness.ExampleRequest(contractIds)));

    private static JsonElement Item(JsonElement entry, int index) => entry.GetProperty("items")[index];

    private static string? ErrorCode(JsonElement item) => item.GetProperty("error").GetProperty("code").GetString();

    private static string? ErrorMessage(JsonElement item) => item.GetProperty("error").GetProperty("message").GetString();

    [Test]
    public async Task ShouldMarkItemFailed_WithEdcErrorDetail_WhenTransferIsTerminated()
    {
        Behave("terminated", new() { StartDelayMs = 50, FinalState = "TERMINATED", ErrorDetail = "Provider refused: policy evaluation failed" });

        var entry = await RunAsync("terminated");

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("FAILED"));
            Assert.That(Item(entry, 0).GetProperty("status").GetString(), Is.EqualTo("FAILED"));
            Assert.That(ErrorCode(Item(entry, 0)), Is.EqualTo(ItemErrorCodes.TransferTerminated));
            Assert.That(ErrorMessage(Item(entry, 0)), Does.Contain("Provider refused: policy evaluation failed"));
            Assert.That(Item(entry, 0).GetProperty("transfer_id").GetString(), Is.Not.Null);
            Assert.That(entry.GetProperty("storage_paths").GetArrayLength(), Is.Zero);
            Assert.That(_harness.FilesOnDisk(), Is.Empty);
        });
    }

    [Test]
    public async Task ShouldBePartiallyCompleted_WhenOneOfTwoItemsIsSuspended()
    {
        Behave("suspended", new() { FinalState = "SUSPENDED", ErrorDetail = "suspended by provider" });

        var entry = await RunAsync("fine", "suspended");

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("PARTIALLY_COMPLETED"));
            Assert.That(Item(entry, 0).GetProperty("status").GetString(), Is.EqualTo("SAVED"));
            Assert.That(ErrorMessage(Item(entry, 1)), Does.Contain("SUSPENDED").And.Contain("suspended by provider"));
            Assert.That(entry.GetProperty("storage_paths").GetArrayLength(), Is.EqualTo(1));
            Assert.That(_harness.FilesOnDisk(), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task ShouldKeepEdcsOwnErrors_WhenEdcRejectsTheTransferRequest()
    {
        Behave("unknown-agreement", new() { RejectTransfer = new TransferRejection() });

        var item = Item(await RunAsync("unknown-agreement"), 0);

        var edcError = item.GetProperty("error").GetProperty("edc_errors")[0];
        Assert.Multiple(() =>
        {
            Assert.That(ErrorCode(item), Is.EqualTo(ItemErrorCodes.EdcRequestRejected));
            Assert.That(ErrorMessage(item), Does.Contain("Contract agreement with id unknown-agreement not found"));
            Assert.That(edcError.GetProperty("type").GetString(), Is.EqualTo("InvalidRequest"));
            Assert.That(edcError.GetProperty("message").GetString(), Is.EqualTo("Contract agreement with id unknown-agreement not found"));
            Assert.That(item.GetProperty("transfer_id").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(_harness.Simulator.State.Calls.Count(c => c.Method == "POST"), Is.EqualTo(1), "a 4xx is not retried");
        });
    }

    [Test]
    public async Task ShouldSaveItem_WhenEdrArrivesWithinTheRetryBudget()
    {
        Behave("late-edr", new() { EdrMissingCalls = 3 });

        var entry = await RunAsync("late-edr");

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"));
            Assert.That(_harness.Simulator.State.Calls.Count(c => c.Path.EndsWith("/dataaddress", StringComparison.Ordinal)), Is.EqualTo(4));
        });
    }

    [Test]
    public async Task ShouldFailItem_WhenEdrIsLaterThanTheRetryBudget()
    {
        Behave("too-late-edr", new() { EdrMissingCalls = 4 });

        var item = Item(await RunAsync("too-late-edr"), 0);

        Assert.Multiple(() =>
        {
            Assert.That(ErrorCode(item), Is.EqualTo(ItemErrorCodes.DataAddressUnavailable));
            Assert.That(ErrorMessage(item), Does.Contain("4 attempts"));
            Assert.That(_harness.Simulator.State.Calls.Count(c => c.Path.EndsWith("/dataaddress", StringComparison.Ordinal)), Is.EqualTo(4));
        });
    }

    [Test]
    public async Task ShouldRetryTransientManagementFailures_AndStartOnlyOneTransfer()
    {
        Behave("flaky-management", new() { ManagementFailures = 2 });

        var entry = await RunAsync("flaky-management");

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"));
            Assert.That(_harness.Simulator.State.Calls.Where(c => c.Method == "POST" && c.Path.EndsWith("/transferprocesses", StringComparison.Ordinal)).Select(c => c.StatusCode), Is.EqualTo(new[] { 503, 503, 200 }));
            Assert.That(_harness.Simulator.State.Transfers, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task ShouldRetryTransientDataPlaneFailures()
    {
        Behave("flaky-data-plane", new() { DataPlaneFailures = 2 });

        var entry = await RunAsync("flaky-data-plane");

        Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"));
    }

    [Test]
    public async Task ShouldFailItem_WhenDataPlaneRefusesTheDownload()
    {
        Behave("gone", new() { DataPlaneStatus = 404 });

        var item = Item(await RunAsync("gone"), 0);

        Assert.Multiple(() =>
        {
            Assert.That(ErrorCode(item), Is.EqualTo(ItemErrorCodes.DownloadFailed));
            Assert.That(ErrorMessage(item), Does.Contain("404"));
            Assert.That(_harness.FilesOnDisk(), Is.Empty);
        });
    }

    [Test]
    public async Task ShouldFailItem_WhenTransferNeverStarts()
    {
        Behave("never-starts", new() { StartDelayMs = 60_000 });

        var item = Item(await RunAsync("never-starts"), 0);

        Assert.That(ErrorCode(item), Is.EqualTo(ItemErrorCodes.TransferStartTimeout));
    }

    [Test]
    public async Task ShouldFailItemAndRemovePartialFile_WhenDownloadStalls()
    {
        Behave("stalls", new() { PayloadBytes = 10_000_000, StallAfterBytes = 500_000 });

        var item = Item(await RunAsync("stalls"), 0);

        Assert.Multiple(() =>
        {
            Assert.That(ErrorCode(item), Is.EqualTo(ItemErrorCodes.DownloadFailed));
            Assert.That(ErrorMessage(item), Does.Contain("No data received"));
            Assert.That(_harness.FilesOnDisk(), Is.Empty, "the partial download is removed");
        });
    }

    [Test]
    public async Task ShouldFailItemAtOnce_WhenConnectorIsUnreachable_AndEdcUnavailableTimeoutIsZero()
    {
        var body = new
        {
            data = new[] { new { type = "edc-asset", counterPartyAddress = "http://provider/api/dsp", contractId = "x" } },
            connectorAddress = "http://127.0.0.1:1/consumer/cp",
        };

        var item = Item(await _harness.WaitForFinalAsync(await _harness.SubmitAsync(body)), 0);

        Assert.Multiple(() =>
        {
            Assert.That(ErrorCode(item), Is.EqualTo(ItemErrorCodes.EdcUnavailable));
            Assert.That(ErrorMessage(item), Does.Contain("could not be reached"));
            Assert.That(item.GetProperty("attempts").GetInt32(), Is.EqualTo(1));
            Assert.That(item.GetProperty("waiting_since").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }
}
