using System.Net;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Tests.Support.Simulator;

namespace DataOrchestrator.Tests.Simulator;

/// <summary>The simulator's bounded transfer and negotiation stores, seen through its HTTP API.</summary>
public sealed class StoreCapacityTests
{
    [Test]
    public async Task ShouldAnswer404AndRevokeTheToken_WhenTheSimulatorForgetsTheOldestTransfer()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { TransferCapacity = 2, NegotiationCapacity = 1 });
        var oldest = await sim.StartTransferAsync("agreement-1");
        var (_, edr) = await sim.GetAsync($"/v3/edrs/{oldest}/dataaddress");
        var (before, _) = await sim.DownloadAsync(edr.GetProperty("authorization").GetString());
        var newer = await sim.StartTransferAsync("agreement-2");
        var newest = await sim.StartTransferAsync("agreement-3");
        var (_, firstNegotiation) = await sim.PostAsync("/v3/contractnegotiations", SimulatorClient.V3ContractRequest("offer-1"));
        await sim.PostAsync("/v3/contractnegotiations", SimulatorClient.V3ContractRequest("offer-2"));

        var (forgotten, _) = await sim.GetAsync($"/v3/transferprocesses/{oldest}");
        var (after, _) = await sim.DownloadAsync(edr.GetProperty("authorization").GetString());
        var (kept, _) = await sim.GetAsync($"/v3/transferprocesses/{newer}");
        var (forgottenNegotiation, _) = await sim.GetAsync($"/v3/contractnegotiations/{firstNegotiation.GetProperty("@id").GetString()}");

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(forgotten, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(after, Is.EqualTo(HttpStatusCode.Forbidden), "a forgotten transfer's token is revoked");
            Assert.That(kept, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(sim.State.Transfers.Select(transfer => transfer.Id), Is.EqualTo(new[] { newer, newest }));
            Assert.That(forgottenNegotiation, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(sim.State.Negotiations, Has.Count.EqualTo(1));
        });
    }
}
