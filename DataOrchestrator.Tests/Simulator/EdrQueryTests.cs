using System.Net;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Tests.Support.Simulator;

namespace DataOrchestrator.Tests.Simulator;

/// <summary>
/// <c>POST /v3/edrs/request</c> (Tractus-X EDR cache): one entry per transfer whose EDR the dataaddress route would
/// return, found by agreementId or assetId, gone once the transfer is terminated.
/// </summary>
public sealed class EdrQueryTests
{
    private const string V3 = ManagementApiVersion.V3;

    [Test]
    public async Task ShouldFindTheStartedTransfersEdr_ByAgreementAndAsset_AndNotAfterItWasTerminated()
    {
        await using var sim = await SimulatorClient.StartAsync();
        var (_, created) = await sim.PostAsync("/v4/contractnegotiations", CatalogRequests.ContractRequest("offer-1", "asset-1"));
        var negotiationId = created.GetProperty("@id").GetString()!;
        var agreementId = sim.State.FindNegotiation(negotiationId)!.ContractAgreementId!;
        var transferId = await sim.StartTransferAsync(agreementId);
        await sim.StartTransferAsync("other-agreement");

        var byAgreement = await EntriesAsync(sim, ("agreementId", "=", agreementId));
        var byAsset = await EntriesAsync(sim, ("assetId", "=", "asset-1"));
        var (_, edr) = await sim.GetAsync($"/v3/edrs/{byAgreement[0].GetProperty("transferProcessId").GetString()}/dataaddress");
        var (downloaded, _) = await sim.DownloadAsync(edr.GetProperty("authorization").GetString());
        var (terminated, _) = await sim.PostAsync($"/v3/transferprocesses/{transferId}/terminate", """{"@context":{"@vocab":"https://w3id.org/edc/v0.0.1/ns/"},"reason":"done"}""");
        var afterTermination = await EntriesAsync(sim, ("agreementId", "=", agreementId));
        var (afterDownload, _) = await sim.DownloadAsync(edr.GetProperty("authorization").GetString());

        var entry = byAgreement.Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("@id").GetString(), Is.EqualTo(transferId));
            Assert.That(entry.GetProperty("@type").GetString(), Is.EqualTo("EndpointDataReferenceEntry"));
            Assert.That(entry.GetProperty("transferProcessId").GetString(), Is.EqualTo(transferId));
            Assert.That(entry.GetProperty("agreementId").GetString(), Is.EqualTo(agreementId));
            Assert.That(entry.GetProperty("contractNegotiationId").GetString(), Is.EqualTo(negotiationId));
            Assert.That(entry.GetProperty("assetId").GetString(), Is.EqualTo("asset-1"));
            Assert.That(entry.GetProperty("providerId").GetString(), Is.EqualTo("did:web:provider"));
            Assert.That(entry.GetProperty("createdAt").GetInt64(), Is.EqualTo(sim.State.FindTransfer(transferId)!.CreatedAt.ToUnixTimeMilliseconds()));
            Assert.That(byAsset.Select(e => e.GetProperty("@id").GetString()), Is.EqualTo(new[] { transferId }));
            Assert.That(downloaded, Is.EqualTo(HttpStatusCode.OK), "the EDR's token works while the transfer runs");
            Assert.That(terminated, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(afterTermination, Is.Empty);
            Assert.That(afterDownload, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(sim.State.Calls.First(c => c.Path.EndsWith("/edrs/request", StringComparison.Ordinal)).ContractId, Is.EqualTo(agreementId));
        });
    }

    [Test]
    public async Task ShouldListNoEdr_BeforeTheTransferStartedOrWhileTheEdrIsNotCachedYet()
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetBehaviour("slow", new() { StartDelayMs = 600_000 });
        sim.State.SetBehaviour("late-edr", new() { EdrMissingCalls = 1 });
        await sim.StartTransferAsync("slow");
        var late = await sim.StartTransferAsync("late-edr");

        var before = await EntriesAsync(sim);
        var (missing, _) = await sim.GetAsync($"/v3/edrs/{late}/dataaddress");
        var after = await EntriesAsync(sim);

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.Empty);
            Assert.That(missing, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(after.Select(e => e.GetProperty("@id").GetString()), Is.EqualTo(new[] { late }));
        });
    }

    [Test]
    public async Task ShouldBeServedWhateverTheVersionSwitch_AndAnswer400ToAnUnknownField()
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.ManagementApiVersions = new HashSet<string> { ManagementApiVersion.V4 };

        var (served, _) = await sim.PostAsync("/v3/edrs/request", CatalogRequests.Query(V3, null));
        var (rejected, errors) = await sim.PostAsync("/v3/edrs/request", CatalogRequests.Query(V3, null, ("contractId", "=", "x")));

        Assert.Multiple(() =>
        {
            Assert.That(served, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(rejected, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(errors[0].GetProperty("message").GetString(), Does.Contain("cannot filter EndpointDataReferenceEntry on 'contractId'"));
        });
    }

    private static async Task<System.Text.Json.JsonElement[]> EntriesAsync(SimulatorClient sim, params (string Left, string Operator, object Right)[] filters)
    {
        var (status, page) = await sim.PostAsync("/v3/edrs/request", CatalogRequests.Query(V3, null, filters));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), page.ToString());
        return page.EnumerateArray().ToArray();
    }
}
