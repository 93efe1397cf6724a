using System.Text.Json;
using System.Text.Json.Nodes;
using DataOrchestrator.Tests.Support.Dps;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional.Dps;

/// <summary>
/// EDC_DATA_FLOW=dps end to end against the test's own control plane (<see cref="FakeDpsControlPlane"/>): the service
/// registers as data plane, starts a v4 DPS transfer, answers prepare, takes the address from started, downloads,
/// and reports completed.
/// </summary>
public sealed class DataPlaneSignalingFlowTests
{
    private static string ItemStatus(JsonElement entry) => entry.GetProperty("items")[0].GetProperty("status").GetString()!;

    private static string? ErrorCode(JsonElement entry) =>
        entry.GetProperty("items")[0].GetProperty("error") is { ValueKind: JsonValueKind.Object } error ? error.GetProperty("code").GetString() : null;

    [Test]
    public async Task ShouldSaveTheItemAndReportCompleted_WhenEdc018SignalsPrepareAndStarted(
        [Values] DataAddressForm form)
    {
        await using var harness = await DpsHarness.StartAsync(arrange: cp => cp.Form = form);
        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync());

        Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), entry.ToString());
        var transferId = entry.GetProperty("items")[0].GetProperty("transfer_id").GetString()!;
        await Eventually.UntilAsync(
            () => harness.ControlPlane.Callbacks.Any(c => c.Path.EndsWith($"/transfers/{transferId}/dataflow/completed", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10),
            "the completed callback");
        var registration = harness.ControlPlane.Registrations.Single();
        var request = harness.ControlPlane.TransferRequests.Single();
        var callback = harness.ControlPlane.Callbacks.Single(c => c.Path.EndsWith("/completed", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllBytes(Directory.GetFiles(harness.Service.DataDirectory).Single()), Is.EqualTo(harness.ControlPlane.Payload));
            Assert.That(registration["dataplaneId"]!.GetValue<string>(), Is.EqualTo("dataorchestrator"));
            Assert.That(registration["endpoint"]!.GetValue<string>(), Is.EqualTo(DpsHarness.PublicUrl + "/signaling/dataflows"));
            Assert.That(registration["transferTypes"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "HttpData-PULL" }));
            Assert.That(registration.ContainsKey("authorization"), Is.False, "no authorization profile with DATAPLANE_AUTH=none");
            Assert.That(request["transferType"]!.GetValue<string>(), Is.EqualTo("HttpData-PULL"));
            Assert.That(request.ContainsKey("dataDestination"), Is.False);
            Assert.That(request["@context"]!.AsArray().Select(c => c!.GetValue<string>()), Is.EqualTo(new[] { "https://w3id.org/edc/connector/management/v2" }));
            Assert.That(request["dataplaneMetadata"]!["@type"]!.GetValue<string>(), Is.EqualTo("DataplaneMetadata"));
            Assert.That(callback.Path, Does.StartWith(FakeDpsControlPlane.SignalingPath), "sent to the prepare's callbackAddress");
            Assert.That(callback.Body!["state"]!.GetValue<string>(), Is.EqualTo("COMPLETED"));
            Assert.That(callback.Body!["dataFlowId"]!.GetValue<string>(), Is.EqualTo(transferId));
            Assert.That(callback.Body!["messageId"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(harness.ControlPlane.Transfer(transferId).State, Is.EqualTo("COMPLETED"));
            Assert.That(harness.ControlPlane.Terminated, Is.Empty, "a completed DPS transfer is not terminated");
            Assert.That(harness.ControlPlane.Transfer(transferId).PrepareAnswer!["state"]!.GetValue<string>(), Is.EqualTo("PREPARED"));
            Assert.That(harness.ControlPlane.Transfer(transferId).PrepareAnswer!.AsObject().ContainsKey("dataAddress"), Is.False);
        });
        Assert.That(harness.Service.Logs.Lines.Where(m => m.Contains(FakeDpsControlPlane.Token(transferId), StringComparison.Ordinal)), Is.Empty, "the token never reaches a log line");
    }

    [Test]
    public async Task ShouldSendCompletedToEdcSignalingUrl_WhenEdcMainPreparesWithoutCallbackAddress()
    {
        await using var harness = await DpsHarness.StartAsync(
            cp => new Dictionary<string, string?> { ["Edc:SignalingUrl"] = cp.BaseAddress + "/configured/signaling" },
            cp => cp.Shape = SignalingShape.EdcMain);

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync());

        Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), entry.ToString());
        await Eventually.UntilAsync(() => !harness.ControlPlane.Callbacks.IsEmpty, TimeSpan.FromSeconds(10), "the completed callback");
        Assert.That(harness.ControlPlane.Callbacks.Single().Path, Does.StartWith("/configured/signaling/transfers/").And.EndWith("/dataflow/completed"));
    }

    [Test]
    public async Task ShouldMatchThePrepare_WhenItArrivesBeforeTheTransferIdIsKnown()
    {
        await using var harness = await DpsHarness.StartAsync(arrange: cp => cp.PrepareBeforeAnswer = true);

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync());

        Assert.That(ItemStatus(entry), Is.EqualTo("SAVED"), entry.ToString());
    }

    [Test]
    public async Task ShouldRegisterAgainAndStartANewTransfer_WhenTheTransferFoundNoDataplane()
    {
        await using var harness = await DpsHarness.StartAsync(arrange: cp => cp.LoseRegistration(1));

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync());

        Assert.Multiple(() =>
        {
            Assert.That(ItemStatus(entry), Is.EqualTo("SAVED"), entry.ToString());
            Assert.That(harness.ControlPlane.Registrations, Has.Count.EqualTo(2));
            Assert.That(harness.ControlPlane.TransferRequests, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task ShouldFailTheItem_WhenTheTransferFoundNoDataplaneTwice()
    {
        await using var harness = await DpsHarness.StartAsync(arrange: cp => cp.LoseRegistration(5));

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync());

        Assert.Multiple(() =>
        {
            Assert.That(ErrorCode(entry), Is.EqualTo("TRANSFER_TERMINATED"), entry.ToString());
            Assert.That(harness.ControlPlane.Registrations, Has.Count.EqualTo(2), "registered again once, not more");
        });
    }

    [Test]
    public async Task ShouldRegisterOnce_WhenManyItemsStartAtOnce()
    {
        await using var harness = await DpsHarness.StartAsync();

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync([.. Enumerable.Range(0, 8).Select(i => $"contract-{i}")]));

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), entry.ToString());
            Assert.That(harness.ControlPlane.Registrations, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task ShouldFailWithDataAddressNotHttps_AndReportErroredAndTerminate_WhenPlainHttpIsNotAllowed()
    {
        await using var harness = await DpsHarness.StartAsync(_ => new Dictionary<string, string?> { ["DataPlane:AllowHttpEndpoints"] = "false" });

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync());
        var transferId = entry.GetProperty("items")[0].GetProperty("transfer_id").GetString()!;
        await Eventually.UntilAsync(() => harness.ControlPlane.Terminated.Contains(transferId), TimeSpan.FromSeconds(10), "the terminate");

        var errored = harness.ControlPlane.Callbacks.Single();
        Assert.Multiple(() =>
        {
            Assert.That(ErrorCode(entry), Is.EqualTo("DATA_ADDRESS_NOT_HTTPS"), entry.ToString());
            Assert.That(errored.Path, Does.EndWith($"/transfers/{transferId}/dataflow/errored"));
            Assert.That(errored.Body!["state"]!.GetValue<string>(), Is.EqualTo("TERMINATED"));
            Assert.That(errored.Body!["error"]!.GetValue<string>(), Does.Contain("DATA_ADDRESS_NOT_HTTPS"));
            Assert.That(harness.Service.FilesOnDisk(), Is.Empty);
        });
    }

    [Test]
    public async Task ShouldFailWithProviderTerminatedAndLeaveNoFile_WhenTheFlowIsTerminatedMidDownload()
    {
        await using var harness = await DpsHarness.StartAsync();
        var held = await harness.SubmitWithDownloadHeldHalfwayAsync();

        using var terminated = await harness.ControlPlane.SignalAsync(
            held.TransferId, "terminate", new JsonObject { ["messageId"] = "m-1", ["reason"] = "provider revoked access" });
        var entry = await harness.WaitForFinalAsync(held.OrchestrationId);

        Assert.Multiple(() =>
        {
            Assert.That((int)terminated.StatusCode, Is.EqualTo(200));
            Assert.That(ErrorCode(entry), Is.EqualTo("PROVIDER_TERMINATED"), entry.ToString());
            Assert.That(entry.GetProperty("items")[0].GetProperty("error").GetProperty("message").GetString(), Does.Contain("provider revoked access"));
            Assert.That(harness.Service.FilesOnDisk(), Is.Empty, "no file, not even a partial one");
        });
    }

    [Test]
    public async Task ShouldPauseAndThenSaveTheItem_WhenTheFlowIsSuspendedMidDownloadAndResumed()
    {
        await using var harness = await DpsHarness.StartAsync();
        var held = await harness.SubmitWithDownloadHeldHalfwayAsync();

        using var suspended = await harness.ControlPlane.SignalAsync(held.TransferId, "suspend");
        using var status = await harness.Signaling.GetAsync($"/signaling/dataflows/{held.TransferId}/status");
        var state = JsonNode.Parse(await status.Content.ReadAsStringAsync())!["state"]!.GetValue<string>();
        held.Release();
        using var resumed = await harness.ControlPlane.SignalAsync(
            held.TransferId, "resume", new JsonObject { ["messageId"] = "m-2", ["dataAddress"] = harness.ControlPlane.DataAddress(held.TransferId) });
        var entry = await harness.WaitForFinalAsync(held.OrchestrationId);

        Assert.Multiple(() =>
        {
            Assert.That((int)suspended.StatusCode, Is.EqualTo(200));
            Assert.That(state, Is.EqualTo("SUSPENDED"));
            Assert.That((int)resumed.StatusCode, Is.EqualTo(200));
            Assert.That(ItemStatus(entry), Is.EqualTo("SAVED"), entry.ToString());
            Assert.That(File.ReadAllBytes(Directory.GetFiles(harness.Service.DataDirectory).Single()), Is.EqualTo(harness.ControlPlane.Payload));
        });
    }

    [Test]
    public async Task ShouldTerminateTheTransfer_WhenTheClientCancels()
    {
        await using var harness = await DpsHarness.StartAsync();
        var held = await harness.SubmitWithDownloadHeldHalfwayAsync();

        using var cancel = await harness.Service.Client.PostAsync(new Uri($"/orchestrate/{held.OrchestrationId}/cancel", UriKind.Relative), null);
        var entry = await harness.WaitForFinalAsync(held.OrchestrationId);

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("CANCELLED"), entry.ToString());
            Assert.That(harness.ControlPlane.Terminated, Does.Contain(held.TransferId));
            Assert.That(harness.Service.FilesOnDisk(), Is.Empty);
        });
    }
}
