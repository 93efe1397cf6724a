using System.Net;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.EdcSimulator.Signaling;
using DataOrchestrator.Tests.Support.Simulator;

namespace DataOrchestrator.Tests.Simulator;

/// <summary>DPS after STARTED: data plane callbacks, consumer terminate, the provider's terminate, suspend and resume.</summary>
public sealed class DpsSignalingTests
{
    [Test]
    public async Task ShouldAnswerCallbacksAsEdcDoes_AndComplete_WhenTheDataPlaneReportsCompleted()
    {
        await using var dps = await DpsSimulator.StartAsync(DpsShapes.V018);
        var id = await dps.StartTransferAsync("agreement-1");
        await dps.WaitForStateAsync(id, "STARTED");

        var started = await dps.CallbackAsync(id, "started", "STARTED");
        var errored = await dps.CallbackAsync(id, "errored", "TERMINATED");
        var stateAfterErrored = await dps.TransferStateAsync(id);
        var completed = await dps.CallbackAsync(id, "completed", "COMPLETED");
        var again = await dps.CallbackAsync(id, "completed", "COMPLETED");
        var unknown = await dps.CallbackAsync("no-such-transfer", "completed", "COMPLETED");
        var token = dps.Sim.State.FindTransfer(id)!.EdrToken;

        Assert.Multiple(async () =>
        {
            Assert.That(started, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(errored, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(stateAfterErrored, Is.EqualTo("STARTED"), "errored is only logged");
            Assert.That(completed, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(again, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(unknown, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await dps.TransferStateAsync(id), Is.EqualTo("COMPLETED"));
            Assert.That(dps.Dps.FindFlow(id)!.States.TakeLast(3), Is.EqualTo(new[] { "STARTED", "COMPLETING", "COMPLETED" }));
            Assert.That((await dps.Sim.DownloadAsync("Bearer " + token)).Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(dps.Dps.MessagesFor(id).Where(m => m.Direction == DpsMessageKinds.Received).Select(m => (m.Kind, m.Status)), Is.EqualTo(new[]
            {
                ("started", (int?)409), ("errored", (int?)200), ("completed", (int?)200), ("completed", (int?)409),
            }));
            Assert.That(dps.DataPlane.ReceivedOf("completed"), Is.Empty, "EDC does not call the consumer data plane's /completed");
        });
    }

    [Test]
    public async Task ShouldSendTerminateToTheDataPlane_WhenTheConsumerTerminates()
    {
        await using var dps = await DpsSimulator.StartAsync(DpsShapes.Main);
        var id = await dps.StartTransferAsync("agreement-1");
        await dps.WaitForStateAsync(id, "STARTED");

        var (status, _) = await dps.Sim.PostAsync(
            $"/v4/transferprocesses/{id}/terminate",
            $$"""{"@context":["{{SimulatorClient.V2Context}}"],"@type":"TerminateTransfer","reason":"no longer needed"}""");
        var terminate = await dps.WaitForSignalAsync("terminate", id);

        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(DpsSchemas.Problems("DataFlowTerminateMessage", terminate.Body), Is.Empty);
            Assert.That(terminate.Body.GetProperty("reason").GetString(), Is.EqualTo("no longer needed"));
            Assert.That(await dps.TransferStateAsync(id), Is.EqualTo("TERMINATED"));
            Assert.That(dps.Dps.FindFlow(id)!.State, Is.EqualTo("TERMINATED"));
        });
    }

    [Test]
    public async Task ShouldTerminateAsTheProvider_WhenTheAgreementScriptsIt()
    {
        await using var dps = await DpsSimulator.StartAsync(DpsShapes.Main);
        dps.Sim.State.SetBehaviour("agreement-t", new AgreementBehaviour { Dps = new DpsBehaviour { ProviderTerminateAfterMs = 50 } });

        var id = await dps.StartTransferAsync("agreement-t");
        var terminate = await dps.WaitForSignalAsync("terminate", id);
        await dps.WaitForStateAsync(id, "TERMINATED");

        Assert.Multiple(() =>
        {
            Assert.That(DpsSchemas.Problems("DataFlowTerminateMessage", terminate.Body), Is.Empty);
            Assert.That(dps.Dps.FindFlow(id)!.States.TakeLast(2), Is.EqualTo(new[] { "STARTED", "TERMINATED" }));
            Assert.That(dps.Dps.FindFlow(id)!.ErrorDetail, Does.Contain("provider"));
        });
    }

    [Test]
    public async Task ShouldSuspendAndResumeAsTheProvider_WhenTheAgreementScriptsIt()
    {
        await using var dps = await DpsSimulator.StartAsync(DpsShapes.V018);
        dps.Sim.State.SetBehaviour("agreement-s", new AgreementBehaviour
        {
            Dps = new DpsBehaviour { ProviderSuspendAfterMs = 0, ProviderResumeAfterMs = 100 },
        });

        var id = await dps.StartTransferAsync("agreement-s");
        var suspend = await dps.WaitForSignalAsync("suspend", id);
        var resume = await dps.WaitForSignalAsync("resume", id);
        await dps.WaitForStateAsync(id, "STARTED");

        Assert.Multiple(() =>
        {
            Assert.That(DpsSchemas.Problems("DataFlowSuspendMessage", suspend.Body), Is.Empty);
            Assert.That(suspend.Body.GetProperty("reason").GetString(), Is.EqualTo("suspend"));
            Assert.That(DpsSchemas.Problems("DataFlowResumeMessage", resume.Body), Is.Empty);
            Assert.That(resume.Body.TryGetProperty("dataAddress", out _), Is.False, "a consumer pull gets no new address");
            Assert.That(dps.Dps.FindFlow(id)!.States.TakeLast(3), Is.EqualTo(new[] { "STARTED", "SUSPENDED", "STARTED" }));
        });
    }

    [Test]
    public async Task ShouldActAsTheProviderMidDownload_WhenATestAsksThroughTheControlApi()
    {
        await using var dps = await DpsSimulator.StartAsync(DpsShapes.Main);
        dps.Sim.State.SetBehaviour("agreement-big", new AgreementBehaviour { PayloadBytes = 1 << 20, StallAfterBytes = 1000 });
        var id = await dps.StartTransferAsync("agreement-big");
        await dps.WaitForStateAsync(id, "STARTED");
        using var http = new HttpClient { BaseAddress = dps.Sim.Simulator.BaseAddress };
        using var download = await http.SendAsync(
            dps.Sim.DownloadRequest("Bearer " + dps.Sim.State.FindTransfer(id)!.EdrToken), HttpCompletionOption.ResponseHeadersRead);

        using var suspend = await http.PostAsync($"/_sim/dps/flows/{id}/suspend", null);
        using var suspendAgain = await http.PostAsync($"/_sim/dps/flows/{id}/suspend", null);
        using var terminate = await http.PostAsync($"/_sim/dps/flows/{id}/terminate", null);
        using var flow = await http.GetAsync($"/_sim/dps/flows/{id}");

        Assert.Multiple(async () =>
        {
            Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(suspend.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(suspendAgain.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(terminate.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(dps.DataPlane.Received.Select(s => s.Kind), Is.EqualTo(new[] { "prepare", "started", "suspend", "terminate" }));
            Assert.That(await flow.Content.ReadAsStringAsync(), Does.Contain("\"state\":\"TERMINATED\""));
        });
    }

    [Test]
    public async Task ShouldKeepRegistrationsAndSwitchShapes_ThroughTheManagementAndControlApis()
    {
        await using var dps = await DpsSimulator.StartAsync(DpsShapes.Off);
        using var http = new HttpClient { BaseAddress = dps.Sim.Simulator.BaseAddress };

        var legacy = await dps.StartTransferAsync("agreement-1");
        var (invalid, _) = await dps.Sim.PutAsync("/v4/dataplanes", """{"endpoint":"not a url","transferTypes":"x"}""");
        using var switched = await http.PutAsync("/_sim/dps", new StringContent("""{"shape":"Main"}""", System.Text.Encoding.UTF8, "application/json"));
        using var bad = await http.PutAsync("/_sim/dps", new StringContent("""{"shape":"0.17"}""", System.Text.Encoding.UTF8, "application/json"));
        var (deleted, _) = await dps.Sim.DeleteAsync("/v4/dataplanes/dp-1");
        var (deletedAgain, _) = await dps.Sim.DeleteAsync("/v4/dataplanes/dp-1");
        var dpsTransfer = await dps.StartTransferAsync("agreement-1");
        await dps.WaitForStateAsync(dpsTransfer, "TERMINATED");

        Assert.Multiple(async () =>
        {
            Assert.That(dps.Sim.State.FindTransfer(legacy)!.State, Is.EqualTo("STARTED"), "off keeps the EDR-cache timeline");
            Assert.That(dps.Dps.FindFlow(legacy), Is.Null);
            Assert.That(invalid, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(switched.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await http.GetStringAsync("/_sim/dps"), Is.EqualTo("""{"shape":"main"}"""));
            Assert.That((deleted, deletedAgain), Is.EqualTo((HttpStatusCode.NoContent, HttpStatusCode.NotFound)));
            Assert.That(dps.Dps.DataPlanes, Is.Empty);
            Assert.That(dps.Dps.FindFlow(dpsTransfer)!.ErrorDetail, Does.Contain("No dataplane found"));
            Assert.That(dps.Dps.Messages.Select(m => (m.Kind, m.Status)), Is.EqualTo(new[]
            {
                ("register", (int?)200), ("register", (int?)400), ("unregister", (int?)204), ("unregister", (int?)404),
            }));
        });
    }
}
