using System.Net;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Tests.Support.Simulator;

namespace DataOrchestrator.Tests.Simulator;

/// <summary>The simulator's Management API v4 transfer calls and the v3/v4 switch.</summary>
public sealed class ManagementApiV4Tests
{
    [Test]
    public async Task ShouldRunTheV4TransferFlow_WithV2ContextOnEveryAnswer()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (created, id) = await sim.PostAsync("/v4/transferprocesses", SimulatorClient.V4TransferRequest("agreement-1"));
        var transferId = id.GetProperty("@id").GetString()!;
        var (_, state) = await sim.GetAsync($"/v4/transferprocesses/{transferId}/state");
        var (_, process) = await sim.GetAsync($"/v4/transferprocesses/{transferId}");
        var (terminated, _) = await sim.PostAsync(
            $"/v4/transferprocesses/{transferId}/terminate",
            $$"""{"@context":["{{SimulatorClient.V2Context}}"],"@type":"TerminateTransfer","reason":"done"}""");

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Context(id), Is.EqualTo(new[] { SimulatorClient.V2Context }));
            Assert.That(id.GetProperty("@type").GetString(), Is.EqualTo("IdResponse"));
            Assert.That(id.GetProperty("createdAt").GetInt64(), Is.Positive);
            Assert.That(state.GetProperty("state").GetString(), Is.EqualTo("STARTED"));
            Assert.That(Context(state), Is.EqualTo(new[] { SimulatorClient.V2Context }));
            Assert.That(process.GetProperty("type").GetString(), Is.EqualTo("CONSUMER"));
            Assert.That(process.GetProperty("contractId").GetString(), Is.EqualTo("agreement-1"));
            Assert.That(Context(process), Is.EqualTo(new[] { SimulatorClient.V2Context }));
            Assert.That(terminated, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(sim.State.FindTransfer(transferId)!.ApiVersion, Is.EqualTo("v4"));
            Assert.That(sim.State.Calls.Select(c => c.Path), Has.All.StartsWith("/consumer/cp/api/management/v4/"));
        });
    }

    [Test]
    public async Task ShouldRejectV4Requests_TheWayEdcsJsonSchemasDo()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (v3Context, v3Errors) = await sim.PostAsync("/v4/transferprocesses", SimulatorClient.V3TransferRequest("a"));
        var (both, bothErrors) = await sim.PostAsync("/v4/transferprocesses", SimulatorClient.V4TransferRequest("a")
            .Replace("\"protocol\"", "\"profile\":\"p\",\"protocol\"", StringComparison.Ordinal));
        var (badTerminate, terminateErrors) = await sim.PostAsync(
            $"/v4/transferprocesses/{await sim.StartTransferAsync("a", "v4")}/terminate",
            """{"@context":["https://w3id.org/edc/connector/management/v0.0.1"],"reason":"x"}""");

        Assert.Multiple(() =>
        {
            Assert.That(v3Context, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(Messages(v3Errors), Has.Some.Contains("@context").And.Some.Contains(SimulatorClient.V2Context));
            Assert.That(v3Errors.EnumerateArray().Select(e => e.GetProperty("type").GetString()), Has.All.EqualTo("ValidationFailure"));
            Assert.That(both, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(Messages(bothErrors), Has.Some.Contains("only one"));
            Assert.That(badTerminate, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(Messages(terminateErrors), Has.Some.Contains("@type").And.Some.Contains("@context"));
            Assert.That(sim.State.Transfers, Has.Count.EqualTo(1), "only the valid request created a process");
        });
    }

    [Test]
    public async Task ShouldAnswer404OnV3TransfersButKeepV3Edrs_WhenOnlyV4IsServed()
    {
        await using var sim = await SimulatorClient.StartAsync(
            new SimulatorOptions { ManagementApiVersions = new HashSet<string> { ManagementApiVersion.V4 } });

        var transferId = await sim.StartTransferAsync("a", ManagementApiVersion.V4);
        var (v3Create, _) = await sim.PostAsync("/v3/transferprocesses", SimulatorClient.V3TransferRequest("a"));
        var (v3State, _) = await sim.GetAsync($"/v3/transferprocesses/{transferId}/state");
        var (v3Negotiation, _) = await sim.PostAsync("/v3/contractnegotiations", SimulatorClient.V3ContractRequest("o"));
        var (edr, _) = await sim.GetAsync($"/v3/edrs/{transferId}/dataaddress");

        Assert.Multiple(() =>
        {
            Assert.That(v3Create, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(v3State, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(v3Negotiation, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(edr, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task ShouldAnswer404OnV4_WhenSwitchedOffWhileRunning()
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.ManagementApiVersions = new HashSet<string> { "V3" };

        var (v4, _) = await sim.PostAsync("/v4/transferprocesses", SimulatorClient.V4TransferRequest("a"));
        var (v3, _) = await sim.PostAsync("/v3/transferprocesses", SimulatorClient.V3TransferRequest("a"));

        Assert.Multiple(() =>
        {
            Assert.That(v4, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(v3, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(sim.State.Transfers.Single().ApiVersion, Is.EqualTo("v3"));
            Assert.That(() => sim.State.ManagementApiVersions = new HashSet<string> { "v5" }, Throws.ArgumentException);
        });
    }

    private static IEnumerable<string?> Context(JsonElement body) =>
        body.GetProperty("@context").EnumerateArray().Select(entry => entry.GetString());

    private static string?[] Messages(JsonElement errors) =>
        errors.EnumerateArray().Select(error => error.GetProperty("message").GetString()).ToArray();
}
