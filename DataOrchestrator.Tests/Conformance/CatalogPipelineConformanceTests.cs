using System.Text.Json;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.Tests.Support;
using DataOrchestrator.Tests.Support.Conformance;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Conformance;

/// <summary>
/// edc-catalog items end to end: the real service, the EDC simulator as consumer connector and data plane, and Prism
/// between them validating every management call against EDC's documents (3.1.3 for v3; 4.1.0 with EDR calls on 3.1.6
/// for v4). An asset id is saved by negotiation and by reusing a held agreement; an allow-list chooses the second
/// offer; an offer outside it is never negotiated; an unknown asset, per EDC 0.18's 502; a path and query reach the
/// data plane; REUSE_EDRS makes two items of one agreement one transfer.
/// </summary>
public sealed class CatalogPipelineConformanceTests
{
    private const string Provider = "did:web:provider-identityhub:7083:provider";
    private const string ProviderDsp = "http://provider-qna-controlplane:8082/api/dsp/2025-1";

    // Accepted: a plain "use", and "use" for research. Not accepted: "use" for marketing.
    private const string AcceptedPolicies = """
        { "policies": [
            { "permission": [ { "action": "use" } ] },
            { "permission": [ { "action": "odrl:use", "constraint": [ { "leftOperand": "odrl:purpose", "operator": "odrl:eq", "rightOperand": "research" } ] } ] }
        ] }
        """;

    [Test]
    [CancelAfter(180_000)]
    public async Task ShouldTakeAssetIdsToSavedData_ThroughWhatTheV3SpecificationAccepts(CancellationToken cancellationToken)
    {
        using var policies = new TemporaryFile(AcceptedPolicies);
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Edc:ManagementPath"] = "/",
            ["Catalog:AcceptedPoliciesFile"] = policies.Path,
        });
        await using var prism = await PrismProxy.StartAsync(RepositoryPaths.ManagementApi("3.1.3"), Upstream(harness));

        await RunEveryCatalogPathAsync(harness, prism.Address, secondOfferPurpose: "research");

        Assert.Multiple(() =>
        {
            prism.AssertNoViolations();
            Assert.That(prism.Output, Does.Contain("/v3/catalog/dataset/request").And.Contain("/v3/contractagreements/request").And.Contain("/v3/contractnegotiations"));
        });
        await Task.CompletedTask.WaitAsync(cancellationToken);
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task ShouldTakeAssetIdsToSavedData_ThroughWhatTheV4SpecificationAccepts(CancellationToken cancellationToken)
    {
        using var policies = new TemporaryFile(AcceptedPolicies);
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Edc:ManagementPath"] = "/",
            ["Edc:ManagementApiVersion"] = "v4",
            ["Catalog:AcceptedPoliciesFile"] = policies.Path,
        });
        harness.Simulator.State.ManagementApiVersions = new HashSet<string> { ManagementApiVersion.V4 };
        await using var v4 = await PrismProxy.StartAsync(RepositoryPaths.ManagementApi("4.1.0"), Upstream(harness));
        await using var v3Edrs = await PrismProxy.StartAsync(RepositoryPaths.ManagementApi("3.1.6"), Upstream(harness));
        await using var router = await SpecRouter.StartAsync(v4.Address, v3Edrs.Address);

        // 4.1.0 makes Constraint a oneOf whose LogicalConstraint branch accepts any object, so it refuses every
        // ContractRequest carrying an atomic constraint (see CatalogConformanceTests): the chosen second offer has none.
        await RunEveryCatalogPathAsync(harness, router.Address, secondOfferPurpose: null);

        Assert.Multiple(() =>
        {
            v4.AssertNoViolations();
            v3Edrs.AssertNoViolations();
            Assert.That(v4.Output, Does.Contain("/v4/catalog/dataset/request").And.Contain("/v4/contractagreements/request").And.Contain("/v4/contractnegotiations"));
        });
        await Task.CompletedTask.WaitAsync(cancellationToken);
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task ShouldMakeOneTransferForTwoItemsOfAnAgreement_AndReuseItsEdrLater_WhenEdrsAreReused(CancellationToken cancellationToken)
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Edc:ManagementPath"] = "/",
            ["Catalog:ReuseEdrs"] = "true",
        });
        await using var prism = await PrismProxy.StartAsync(RepositoryPaths.ManagementApi("3.1.3"), Upstream(harness));
        var state = harness.Simulator.State;
        object Asset() => new { type = "edc-asset", counterPartyAddress = ProviderDsp, contractId = "shared-agreement", connectorId = Provider };

        var first = await harness.WaitForFinalAsync(
            await harness.SubmitAsync(new { data = new[] { Asset(), Asset() }, connectorAddress = prism.Address.ToString() }), TimeSpan.FromSeconds(60));
        var later = await harness.WaitForFinalAsync(
            await harness.SubmitAsync(new { data = new[] { Asset() }, connectorAddress = prism.Address.ToString() }), TimeSpan.FromSeconds(60));

        var items = Items(first).Concat(Items(later)).ToArray();
        var transfers = state.Transfers.Where(t => t.ContractId == "shared-agreement").ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i.GetProperty("status").GetString()), Is.All.EqualTo("SAVED"), first.ToString() + later);
            Assert.That(transfers, Has.Length.EqualTo(1), "one transfer for the three items");
            Assert.That(items.Select(i => i.GetProperty("transfer_id").GetString()), Is.All.EqualTo(transfers[0].Id));
            Assert.That(items.Select(i => i.GetProperty("edr_reused").GetBoolean()), Is.EqualTo(new[] { false, true, true }).Or.EqualTo(new[] { true, false, true }));
            Assert.That(transfers[0].TerminationReason, Is.Null, "kept for its EDR to be reused");
            Assert.That(state.Calls.Count(c => c.Path.EndsWith("/v3/edrs/request", StringComparison.Ordinal)), Is.EqualTo(3));
            Assert.That(harness.FilesOnDisk(), Has.Length.EqualTo(3), "each item saved its own file");
            prism.AssertNoViolations();
        });
        await Task.CompletedTask.WaitAsync(cancellationToken);
    }

    private static Uri Upstream(ServiceHarness harness) => new(harness.Simulator.BaseAddress, "/api/management");

    private static async Task RunEveryCatalogPathAsync(ServiceHarness harness, Uri connectorAddress, string? secondOfferPurpose)
    {
        var state = harness.Simulator.State;
        state.SetDataset("asset-negotiated", Dataset(Offer("offer-plain")));
        state.SetDataset("asset-held", Dataset(Offer("offer-held")));
        state.SetDataset("asset-refused", Dataset(Offer("offer-marketing", "marketing")));
        state.SetDataset("asset-second", Dataset(Offer("offer-first-marketing", "marketing"), Offer("offer-second", secondOfferPurpose)));
        state.AddAgreement("agreement-held", new ScriptedAgreement
        {
            AssetId = "asset-held",
            ProviderId = Provider,
            Policy = JsonSerializer.SerializeToElement(new { permission = new[] { new { action = "use" } } }),
        });
        if (secondOfferPurpose is not null)
        {
            // A newer agreement whose policy is no longer acceptable (4.1.0's Agreement schema refuses any constraint).
            state.AddAgreement("agreement-stale", new ScriptedAgreement
            {
                AssetId = "asset-second",
                ProviderId = Provider,
                Policy = Offer("stale-offer", "marketing"),
            });
        }

        object Catalog(string assetId, string? path = null, Dictionary<string, string>? query = null) =>
            new { type = "edc-catalog", counterPartyAddress = ProviderDsp, counterPartyId = Provider, assetId, path, query };
        object[] data =
        [
            Catalog("asset-negotiated"),
            Catalog("asset-held"),
            Catalog("asset-refused"),
            Catalog("asset-unknown"),
            Catalog("asset-second"),
            Catalog("asset-negotiated", "parts/42/report", new() { ["lang"] = "de", ["q"] = "a b" }),
        ];

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(new { data, connectorAddress = connectorAddress.ToString() }), TimeSpan.FromSeconds(60));

        var items = Items(entry);
        var negotiated = state.Calls.Where(c => c.Method == "POST" && c.Path.EndsWith("/contractnegotiations", StringComparison.Ordinal)).Select(c => c.OfferId).ToArray();
        var datasetRequests = state.Calls.Where(c => c.Path.EndsWith("/catalog/dataset/request", StringComparison.Ordinal)).Select(c => c.AssetId).ToArray();
        var download = state.Calls.Single(c => c.Path.EndsWith("/parts/42/report", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i.GetProperty("status").GetString()), Is.EqualTo(new[] { "SAVED", "SAVED", "FAILED", "FAILED", "SAVED", "SAVED" }), entry.ToString());

            Assert.That(items[0].GetProperty("offer_id").GetString(), Is.EqualTo("offer-plain"));
            Assert.That(items[0].GetProperty("agreement_reused").GetBoolean(), Is.False);
            Assert.That(items[0].GetProperty("negotiation_id").GetString(), Is.Not.Null);

            Assert.That(items[1].GetProperty("contract_id").GetString(), Is.EqualTo("agreement-held"));
            Assert.That(items[1].GetProperty("agreement_reused").GetBoolean(), Is.True);
            Assert.That(negotiated, Does.Not.Contain("offer-held"), "a held agreement needs no negotiation");

            Assert.That(Error(items[2]).Code, Is.EqualTo(ItemErrorCodes.NoAcceptableOffer));
            Assert.That(Error(items[2]).Message, Does.Contain("offer-marketing").And.Contain("marketing"));
            Assert.That(negotiated, Does.Not.Contain("offer-marketing"), "an offer outside the allow-list is never negotiated");

            Assert.That(Error(items[3]).Code, Is.EqualTo(ItemErrorCodes.AssetNotFound));
            Assert.That(Error(items[3]).Message, Does.Contain("asset-unknown"));

            Assert.That(items[4].GetProperty("offer_id").GetString(), Is.EqualTo("offer-second"));
            Assert.That(items[4].GetProperty("agreement_reused").GetBoolean(), Is.False, "the stale agreement is passed over");
            Assert.That(negotiated, Does.Contain("offer-second").And.Not.Contain("offer-first-marketing"));

            Assert.That(items[5].GetProperty("contract_id").GetString(), Is.EqualTo(items[0].GetProperty("contract_id").GetString()), "one agreement for both items of the asset");
            Assert.That(download.Query, Is.EqualTo("?lang=de&q=a%20b"));
            Assert.That(negotiated.Count(o => o == "offer-plain"), Is.EqualTo(1), "items of one offer share one negotiation");
            Assert.That(datasetRequests.Count(a => a == "asset-negotiated"), Is.EqualTo(1), "one dataset request for the items of one asset");
        });
    }

    private static DatasetBehaviour Dataset(params JsonElement[] offers) => new() { Offers = offers };

    private static JsonElement Offer(string id, string? purpose = null) => purpose is null
        ? JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["@id"] = id, ["permission"] = new[] { new { action = "use" } } })
        : JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["@id"] = id,
            ["permission"] = new[] { new { action = "use", constraint = new[] { new { leftOperand = "purpose", @operator = "eq", rightOperand = purpose } } } },
        });

    private static JsonElement[] Items(JsonElement entry) => entry.GetProperty("items").EnumerateArray().ToArray();

    private static (string? Code, string? Message) Error(JsonElement item)
    {
        var error = item.GetProperty("error");
        return error.ValueKind == JsonValueKind.Null ? (null, null) : (error.GetProperty("code").GetString(), error.GetProperty("message").GetString());
    }

    private sealed class TemporaryFile : IDisposable
    {
        public TemporaryFile(string content)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"accepted-policies-{Guid.NewGuid():N}.json");
            File.WriteAllText(Path, content);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
