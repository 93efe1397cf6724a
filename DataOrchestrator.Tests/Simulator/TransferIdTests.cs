using System.Net;
using System.Net.Http.Json;
using DataOrchestrator.EdcSimulator.Control;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Tests.Support.Simulator;

namespace DataOrchestrator.Tests.Simulator;

/// <summary>
/// Who chooses a transfer process's id: EDC 0.17+ ignores the request's <c>@id</c> ("server", the default), EDC 0.16
/// and earlier use it ("client"), which makes a repeated start answer the process it already created.
/// </summary>
public sealed class TransferIdTests
{
    [TestCase(ManagementApiVersion.V3)]
    [TestCase(ManagementApiVersion.V4)]
    public async Task ShouldStartASecondTransferWithAFreshId_WhenAStartIsRepeatedWithTheSameId_ByDefault(string version)
    {
        await using var sim = await SimulatorClient.StartAsync();
        var request = WithId(Request(version, "agreement-1"), "start-1");

        var (firstStatus, first) = await sim.PostAsync($"/{version}/transferprocesses", request);
        var (secondStatus, second) = await sim.PostAsync($"/{version}/transferprocesses", request);

        var ids = new[] { first.GetProperty("@id").GetString(), second.GetProperty("@id").GetString() };
        Assert.Multiple(() =>
        {
            Assert.That(sim.State.TransferIds, Is.EqualTo(TransferIdModes.Server));
            Assert.That(new[] { firstStatus, secondStatus }, Is.All.EqualTo(HttpStatusCode.OK));
            Assert.That(ids, Is.Unique.And.Not.Contains("start-1"), "the request's @id is ignored");
            Assert.That(sim.State.Transfers.Select(t => t.Id), Is.EquivalentTo(ids), "the repeat is a second transfer");
        });
    }

    [TestCase(ManagementApiVersion.V3)]
    [TestCase(ManagementApiVersion.V4)]
    public async Task ShouldAnswerTheProcessAlreadyStarted_WhenAStartIsRepeatedWithTheSameId_InClientMode(string version)
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { TransferIds = TransferIdModes.Client });
        var request = WithId(Request(version, "agreement-1"), "start-1");

        var (firstStatus, first) = await sim.PostAsync($"/{version}/transferprocesses", request);
        var (secondStatus, second) = await sim.PostAsync($"/{version}/transferprocesses", request);
        var withoutId = await sim.StartTransferAsync("agreement-1", version);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { firstStatus, secondStatus }, Is.All.EqualTo(HttpStatusCode.OK));
            Assert.That(first.GetProperty("@id").GetString(), Is.EqualTo("start-1"), "the @id is the process id");
            Assert.That(second.GetProperty("@id").GetString(), Is.EqualTo("start-1"));
            Assert.That(second.GetProperty("createdAt").GetInt64(), Is.EqualTo(first.GetProperty("createdAt").GetInt64()));
            Assert.That(withoutId, Is.Not.EqualTo("start-1"), "a request without @id gets a fresh id");
            Assert.That(sim.State.Transfers.Select(t => t.Id), Is.EquivalentTo(new[] { "start-1", withoutId }), "the repeat created nothing");
        });
    }

    [Test]
    public async Task ShouldPutTheAgreementsPrefixBeforeTheId_InBothModes()
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetBehaviour("prefixed", new() { TransferIdPrefix = "../" });
        var request = WithId(SimulatorClient.V3TransferRequest("prefixed"), "start-1");

        var (_, server) = await sim.PostAsync("/v3/transferprocesses", request);
        sim.State.TransferIds = TransferIdModes.Client;
        var (_, client) = await sim.PostAsync("/v3/transferprocesses", request);
        var (_, repeat) = await sim.PostAsync("/v3/transferprocesses", request);

        Assert.Multiple(() =>
        {
            Assert.That(server.GetProperty("@id").GetString(), Does.StartWith("../").And.Not.EqualTo("../start-1"));
            Assert.That(client.GetProperty("@id").GetString(), Is.EqualTo("../start-1"));
            Assert.That(repeat.GetProperty("@id").GetString(), Is.EqualTo("../start-1"));
            Assert.That(sim.State.Transfers, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task ShouldSwitchTheMode_WhenPutThroughTheControlApi()
    {
        await using var sim = await SimulatorClient.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Simulator.BaseAddress };

        var before = await http.GetFromJsonAsync<TransferIdsSetting>("/_sim/transfer-ids");
        using var put = await http.PutAsJsonAsync("/_sim/transfer-ids", new { transferIds = "CLIENT" });
        var after = await http.GetFromJsonAsync<TransferIdsSetting>("/_sim/transfer-ids");
        using var bad = await http.PutAsJsonAsync("/_sim/transfer-ids", new { transferIds = "sometimes" });
        var problem = await bad.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(new TransferIdsSetting(TransferIdModes.Server)));
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(after, Is.EqualTo(new TransferIdsSetting(TransferIdModes.Client)));
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem, Does.Contain("'sometimes'").And.Contain("server").And.Contain("client"));
            Assert.That(sim.State.TransferIds, Is.EqualTo(TransferIdModes.Client), "a rejected setting changes nothing");
            Assert.That(() => sim.State.TransferIds = "both", Throws.ArgumentException);
        });
    }

    private static string Request(string version, string contractId) =>
        version == ManagementApiVersion.V4 ? SimulatorClient.V4TransferRequest(contractId) : SimulatorClient.V3TransferRequest(contractId);

    private static string WithId(string request, string id) =>
        request.Replace("\"@type\":\"TransferRequest\"", $"\"@type\":\"TransferRequest\",\"@id\":\"{id}\"", StringComparison.Ordinal);
}
