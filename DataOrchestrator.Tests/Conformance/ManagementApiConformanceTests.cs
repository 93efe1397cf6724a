using System.Text.Json;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Tests.Support;
using DataOrchestrator.Tests.Support.Conformance;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Conformance;

/// <summary>
/// The real pipeline against the EDC simulator behind Prism validating against EDC's own Management API documents:
/// what the service sends and what the simulator answers must both be what the specification accepts. Every path of
/// the pipeline runs: negotiation (finalized and terminated), transfer, state polls, EDR retrieval with its 404s,
/// terminate, a terminated transfer with its error detail, and a rejected request.
/// </summary>
public sealed class ManagementApiConformanceTests
{
    [Test]
    [CancelAfter(180_000)]
    public async Task ShouldSendAndReceiveOnlyWhatEdcsSpecificationAccepts_OnEveryPipelinePath(CancellationToken cancellationToken)
    {
        // The proxy serves the spec's paths (/v3/...) at its root, so the service's management path is "/".
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Edc:ManagementPath"] = "/" });
        await using var prism = await PrismProxy.StartAsync(RepositoryPaths.ManagementApi("3.1.3"), Upstream(harness));

        await RunEveryPathAsync(harness, prism.Address);

        Assert.Multiple(() =>
        {
            prism.AssertNoViolations();
            Assert.That(prism.Output, Does.Contain("/v3/contractnegotiations").And.Contain("/v3/transferprocesses").And.Contain("/dataaddress").And.Contain("/terminate"));
        });
        await Task.CompletedTask.WaitAsync(cancellationToken);
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task ShouldSendAndReceiveOnlyWhatEdcsSpecificationAccepts_OnEveryPipelinePath_InTheV4Dialect(CancellationToken cancellationToken)
    {
        // EDC 0.18: v4 (4.1.0) for negotiations and transfers, EDR retrieval on its deprecated v3 API (3.1.6).
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Edc:ManagementPath"] = "/",
            ["Edc:ManagementApiVersion"] = "v4",
        });
        harness.Simulator.State.ManagementApiVersions = new HashSet<string> { ManagementApiVersion.V4 };
        await using var v4 = await PrismProxy.StartAsync(RepositoryPaths.ManagementApi("4.1.0"), Upstream(harness));
        await using var v3Edrs = await PrismProxy.StartAsync(RepositoryPaths.ManagementApi("3.1.6"), Upstream(harness));
        await using var router = await SpecRouter.StartAsync(v4.Address, v3Edrs.Address);

        await RunEveryPathAsync(harness, router.Address);

        Assert.Multiple(() =>
        {
            v4.AssertNoViolations();
            v3Edrs.AssertNoViolations();
            Assert.That(v4.Output, Does.Contain("/v4/contractnegotiations").And.Contain("/v4/transferprocesses").And.Contain("/terminate"));
            Assert.That(v3Edrs.Output, Does.Contain("/v3/edrs/").And.Contain("/dataaddress"));
            Assert.That(harness.Simulator.State.Transfers.Select(t => t.ApiVersion), Is.All.EqualTo("v4"));
        });
        await Task.CompletedTask.WaitAsync(cancellationToken);
    }

    private static Uri Upstream(ServiceHarness harness) => new(harness.Simulator.BaseAddress, "/api/management");

    private static async Task RunEveryPathAsync(ServiceHarness harness, Uri connectorAddress)
    {
        var state = harness.Simulator.State;
        state.SetBehaviour("late-edr", new() { EdrMissingCalls = 2 });
        state.SetBehaviour("terminated", new() { StartDelayMs = 100, FinalState = "TERMINATED", ErrorDetail = "policy evaluation failed" });
        state.SetBehaviour("rejected", new() { RejectTransfer = new() });
        state.SetOfferBehaviour("refused-offer", new() { NegotiationDelayMs = 50, FinalState = "TERMINATED", ErrorDetail = "offer no longer valid" });
        object Asset(string contractId) => new
        {
            type = "edc-asset",
            counterPartyAddress = "http://provider-qna-controlplane:8082/api/dsp/2025-1",
            contractId,
            connectorId = "did:web:provider-identityhub:7083:provider",
        };
        object Offer(string offerId) => new
        {
            type = "edc-offer",
            counterPartyAddress = "http://provider-qna-controlplane:8082/api/dsp/2025-1",
            counterPartyId = "did:web:provider-identityhub:7083:provider",
            offerId,
            assetId = "asset-1",
        };
        object[] data = [Asset("ok"), Asset("late-edr"), Asset("terminated"), Asset("rejected"), Offer("offer-1"), Offer("refused-offer")];

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(new { data, connectorAddress = connectorAddress.ToString() }), TimeSpan.FromSeconds(60));

        var items = entry.GetProperty("items").EnumerateArray().ToArray();
        var saved = items.Where(i => i.GetProperty("status").GetString() == "SAVED").Select(i => i.GetProperty("transfer_id").GetString()).ToHashSet();

        // Terminating follows the record of SAVED, so the last one may still be on its way when the orchestration is final.
        for (var waited = 0; waited < 100 && state.Transfers.Count(t => saved.Contains(t.Id) && t.TerminationReason is not null) < saved.Count; waited++)
        {
            await Task.Delay(50);
        }

        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i.GetProperty("status").GetString()), Is.EqualTo(new[] { "SAVED", "SAVED", "FAILED", "FAILED", "SAVED", "FAILED" }), entry.ToString());
            Assert.That(Error(items[2]).Code, Is.EqualTo(ItemErrorCodes.TransferTerminated));
            Assert.That(Error(items[2]).Message, Does.Contain("policy evaluation failed"));
            Assert.That(Error(items[3]).Code, Is.EqualTo(ItemErrorCodes.EdcRequestRejected));
            Assert.That(Error(items[3]).Message, Does.Contain("Contract agreement with id rejected not found"));
            Assert.That(Error(items[5]).Code, Is.EqualTo(ItemErrorCodes.NegotiationTerminated));
            Assert.That(Error(items[5]).Message, Does.Contain("offer no longer valid"));
            Assert.That(state.Transfers.Where(t => saved.Contains(t.Id)).Select(t => t.TerminationReason), Has.Exactly(3).Not.Null, "every saved transfer was terminated");
        });
    }

    private static (string? Code, string? Message) Error(JsonElement item)
    {
        var error = item.GetProperty("error");
        return error.ValueKind == JsonValueKind.Null ? (null, null) : (error.GetProperty("code").GetString(), error.GetProperty("message").GetString());
    }
}
