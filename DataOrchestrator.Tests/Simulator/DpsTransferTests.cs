using System.Net;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.EdcSimulator.Signaling;
using DataOrchestrator.Tests.Support.Simulator;
using Microsoft.AspNetCore.Http;

namespace DataOrchestrator.Tests.Simulator;

/// <summary>The simulator as EDC's consumer control plane with Data Plane Signaling: prepare, started, the DataAddress.</summary>
public sealed class DpsTransferTests
{
    private static readonly string[] StartedPath = ["INITIAL", "REQUESTING", "REQUESTED", "STARTUP_REQUESTED", "STARTED"];

    [Test]
    public async Task ShouldPrepareWithTransferTypeAndCallbackAddress_ThenStart_WhenPlayingEdc018()
    {
        await using var dps = await DpsSimulator.StartAsync(DpsShapes.V018);

        var id = await dps.StartTransferAsync("agreement-1");
        await dps.WaitForStateAsync(id, "STARTED");
        var prepare = dps.DataPlane.ReceivedOf("prepare").Single().Body;
        var started = dps.DataPlane.ReceivedOf("started").Single();

        Assert.Multiple(async () =>
        {
            Assert.That(DpsSchemas.Problems("DataFlowPrepareMessage.RC2", prepare), Is.Empty);
            Assert.That(DpsSchemas.Problems("DataFlowStartedNotificationMessage", started.Body), Is.Empty);
            Assert.That(prepare.GetProperty("transferType").GetString(), Is.EqualTo("HttpData-PULL"));
            Assert.That(prepare.TryGetProperty("profile", out _), Is.False);
            Assert.That(prepare.GetProperty("callbackAddress").GetString(), Is.EqualTo(dps.Sim.Simulator.BaseAddress.ToString().TrimEnd('/') + "/api/signaling"));
            Assert.That(prepare.GetProperty("processId").GetString(), Is.EqualTo(id));
            Assert.That(prepare.GetProperty("agreementId").GetString(), Is.EqualTo("agreement-1"));
            Assert.That(prepare.GetProperty("dataspaceContext").GetString(), Is.EqualTo("dataspace-protocol-http:2025-1"));
            Assert.That(prepare.GetProperty("metadata").GetProperty("k").GetString(), Is.EqualTo("v"));
            Assert.That(started.ProcessId, Is.EqualTo(id));
            Assert.That(started.Authorization, Is.Empty, "stock EDC sends no token to a data plane registered without authorization");
            Assert.That(dps.Dps.FindFlow(id)!.States, Is.EqualTo(StartedPath));
            Assert.That(dps.Dps.FindFlow(id)!.DataplaneId, Is.EqualTo("dp-1"));
            Assert.That(await dps.TransferStateAsync(id), Is.EqualTo("STARTED"));
            Assert.That(dps.Dps.MessagesFor(id).Select(m => (m.Direction, m.Kind, m.Status)), Is.EqualTo(new[]
            {
                (DpsMessageKinds.Sent, DpsMessageKinds.Prepare, (int?)200), (DpsMessageKinds.Sent, DpsMessageKinds.Started, (int?)200),
            }));
            Assert.That((await dps.Sim.GetAsync($"/v3/transferprocesses/{id}/state")).Status, Is.EqualTo(HttpStatusCode.OK), "0.18.0 still serves v3");
        });
    }

    [Test]
    public async Task ShouldPrepareWithProfileAndNullCallbackAddress_AndServeNoV3_WhenPlayingEdcMain()
    {
        await using var dps = await DpsSimulator.StartAsync(DpsShapes.Main);

        var id = await dps.StartTransferAsync("agreement-1");
        await dps.WaitForStateAsync(id, "STARTED");
        var prepare = dps.DataPlane.ReceivedOf("prepare").Single().Body;
        var v3Paths = new[] { $"/v3/transferprocesses/{id}", $"/v3/transferprocesses/{id}/state", $"/v3/edrs/{id}/dataaddress", "/v3/contractnegotiations/x" };
        var v3Answers = new List<HttpStatusCode>();
        foreach (var path in v3Paths)
        {
            v3Answers.Add((await dps.Sim.GetAsync(path)).Status);
        }

        Assert.Multiple(async () =>
        {
            Assert.That(DpsSchemas.Problems("DataFlowPrepareMessage", prepare), Is.Empty);
            Assert.That(prepare.GetProperty("profile").GetString(), Is.EqualTo("HttpData-PULL"));
            Assert.That(prepare.TryGetProperty("transferType", out _), Is.False);
            Assert.That(prepare.GetProperty("callbackAddress").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(v3Answers, Has.All.EqualTo(HttpStatusCode.NotFound), string.Join(", ", v3Answers));
            Assert.That((await dps.Sim.PostAsync("/v3/transferprocesses", SimulatorClient.V3TransferRequest("a"))).Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await dps.TransferStateAsync(id), Is.EqualTo("STARTED"));
        });
    }

    [TestCase(DataAddressForms.Spec, "https://w3id.org/dspace-sig/profile/http-pull", "authorization")]
    [TestCase(DataAddressForms.Edc, "http", "authorization")]
    [TestCase(DataAddressForms.Mvd, "http", "access_token")]
    public async Task ShouldHandOutItsOwnDataPlane_WithTheTokenAsBearer_InEachDataAddressForm(string form, string endpointType, string tokenProperty)
    {
        await using var dps = await DpsSimulator.StartAsync(DpsShapes.Main);
        dps.Sim.State.SetBehaviour("agreement-f", new AgreementBehaviour { Payload = "hello", Dps = new DpsBehaviour { DataAddressForm = form } });

        var id = await dps.StartTransferAsync("agreement-f");
        await dps.WaitForStateAsync(id, "STARTED");
        var started = dps.DataPlane.ReceivedOf("started").Single().Body;
        var address = started.GetProperty("dataAddress");
        var properties = address.GetProperty("endpointProperties").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("value").GetString()!);
        var token = properties[tokenProperty];
        var (status, body) = await dps.Sim.DownloadAsync("Bearer " + token);
        using var ranged = dps.Sim.DownloadRequest("Bearer " + token, "bytes=1-");
        using var http = new HttpClient();
        var partial = await ObservedResponse.ReadAsync(http, ranged);

        Assert.Multiple(() =>
        {
            Assert.That(DpsSchemas.Problems("DataFlowStartedNotificationMessage", started), Is.Empty);
            Assert.That(address.GetProperty("endpointType").GetString(), Is.EqualTo(endpointType));
            Assert.That(address.GetProperty("endpoint").GetString(), Is.EqualTo(dps.Sim.Simulator.PublicEndpoint));
            Assert.That(properties["https://w3id.org/edc/v0.0.1/ns/endpoint"], Is.EqualTo(dps.Sim.Simulator.PublicEndpoint));
            Assert.That(properties["https://w3id.org/edc/v0.0.1/ns/type"], Is.EqualTo(endpointType));
            Assert.That(properties.GetValueOrDefault("authType"), form == DataAddressForms.Spec ? Is.EqualTo("bearer") : Is.Null);
            Assert.That(token, Is.EqualTo(dps.Sim.State.FindTransfer(id)!.EdrToken));
            Assert.That(address.GetProperty("endpointProperties").EnumerateArray().Select(p => p.GetProperty("@type").GetString()), Has.All.EqualTo("EndpointProperty"));
            Assert.That((status, body), Is.EqualTo((HttpStatusCode.OK, "hello")));
            Assert.That(partial.Status, Is.EqualTo(HttpStatusCode.PartialContent));
            Assert.That(partial.Body, Is.EqualTo("ello"u8.ToArray()));
        });
    }

    [TestCase("HttpData-PUSH", "[]")]
    [TestCase("HttpData-PULL", "[\"eu\"]")]
    public async Task ShouldTerminateWithNoDataplaneFound_WhenNoRegistrationServesTheRequest(string registeredType, string registeredLabels)
    {
        await using var dps = await DpsSimulator.StartAsync(DpsShapes.V018, registeredType, registeredLabels);

        var id = await dps.StartTransferAsync("agreement-1", labels: "[\"us\"]");
        await dps.WaitForStateAsync(id, "TERMINATED");
        var (_, process) = await dps.Sim.GetAsync($"/v4/transferprocesses/{id}");

        Assert.Multiple(() =>
        {
            Assert.That(process.GetProperty("state").GetString(), Is.EqualTo("TERMINATED"));
            Assert.That(process.GetProperty("errorDetail").GetString(), Does.Contain("No dataplane found"));
            Assert.That(dps.DataPlane.Received, Is.Empty);
            Assert.That(dps.Dps.MessagesFor(id), Is.Empty);
        });
    }

    [Test]
    public async Task ShouldSelectTheDataPlane_WhoseLabelsIncludeTheRequestedOnes()
    {
        await using var dps = await DpsSimulator.StartAsync(DpsShapes.Main, labels: "[\"eu\",\"fast\"]");

        var id = await dps.StartTransferAsync("agreement-1", labels: "[\"eu\"]");
        await dps.WaitForStateAsync(id, "STARTED");

        Assert.That(dps.DataPlane.ReceivedOf("prepare").Single().Body.GetProperty("labels")[0].GetString(), Is.EqualTo("eu"));
    }

    [TestCase(500, "{}")]
    [TestCase(200, "not json")]
    [TestCase(200, "{\"messageId\":\"m\"}")]
    public async Task ShouldTerminate_WhenTheDataPlaneRefusesPrepareOrAnswersUnreadably(int status, string answer)
    {
        await using var dps = await DpsSimulator.StartAsync(DpsShapes.V018);
        dps.DataPlane.Answer("prepare", _ => Results.Text(answer, "application/json", statusCode: status));

        var id = await dps.StartTransferAsync("agreement-1");
        await dps.WaitForStateAsync(id, "TERMINATED");

        Assert.Multiple(async () =>
        {
            Assert.That(dps.Dps.FindFlow(id)!.ErrorDetail, Does.Contain("prepare"));
            Assert.That(dps.DataPlane.Received.Select(signal => signal.Kind), Is.EqualTo(new[] { "prepare" }));
            Assert.That(await dps.TransferStateAsync(id), Is.EqualTo("TERMINATED"));
        });
    }

    [Test]
    public async Task ShouldTerminateAndTellTheDataPlane_WhenStartedFails()
    {
        await using var dps = await DpsSimulator.StartAsync(DpsShapes.Main);
        dps.DataPlane.Answer("started", _ => Results.StatusCode(400));

        var id = await dps.StartTransferAsync("agreement-1");
        var terminate = await dps.WaitForSignalAsync("terminate", id);

        Assert.Multiple(() =>
        {
            Assert.That(dps.Dps.FindFlow(id)!.State, Is.EqualTo("TERMINATED"));
            Assert.That(dps.Dps.FindFlow(id)!.States, Does.Not.Contain("STARTED"));
            Assert.That(DpsSchemas.Problems("DataFlowTerminateMessage", terminate.Body), Is.Empty);
        });
    }

    [Test]
    public async Task ShouldWaitForPrepared_WhenTheDataPlanePreparesAsynchronously()
    {
        await using var dps = await DpsSimulator.StartAsync(DpsShapes.V018);
        dps.DataPlane.Answer("prepare", id => Results.Json(FakeDataPlane.Status(id, "PREPARING"), statusCode: 202));

        var id = await dps.StartTransferAsync("agreement-1");
        await dps.WaitForStateAsync(id, "PREPARATION_REQUESTED");
        var prepared = await dps.CallbackAsync(id, "prepared", "PREPARED");
        await dps.WaitForStateAsync(id, "STARTED");

        Assert.Multiple(() =>
        {
            Assert.That(prepared, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(dps.Dps.FindFlow(id)!.States, Is.EqualTo(new[] { "INITIAL", "PREPARATION_REQUESTED", "REQUESTING", "REQUESTED", "STARTUP_REQUESTED", "STARTED" }));
        });
    }
}
