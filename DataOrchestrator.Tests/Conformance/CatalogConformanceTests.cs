using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.Tests.Support;
using DataOrchestrator.Tests.Support.Conformance;
using DataOrchestrator.Tests.Support.Simulator;

namespace DataOrchestrator.Tests.Conformance;

/// <summary>
/// The simulator's dataset request, contract agreement query and EDR query behind Prism validating against EDC's own
/// Management API documents: 3.1.3 for v3, 4.1.0 for v4, 3.1.6 for <c>/v3/edrs/request</c> (EDC 0.17/0.18).
/// </summary>
public sealed class CatalogConformanceTests
{
    [TestCase("3.1.3", ManagementApiVersion.V3)]
    [TestCase("4.1.0", ManagementApiVersion.V4)]
    [CancelAfter(120_000)]
    public async Task ShouldSendAndAnswerOnlyWhatTheSpecificationAccepts_WhenRequestingADatasetAndQueryingAgreements(
        string spec, string version, CancellationToken cancellationToken)
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetDataset("asset-7", ScenarioFile.ParseDatasets($$"""{"asset-7":{{CatalogRequests.TwoOffers}}}""")["asset-7"]);
        sim.State.AddAgreement("agreement-old", new ScriptedAgreement { AssetId = "asset-7", ProviderId = "provider-bpn" });
        await using var prism = await PrismProxy.StartAsync(RepositoryPaths.ManagementApi(spec), new Uri(sim.Simulator.ManagementAddress));
        using var http = new HttpClient { BaseAddress = prism.Address };
        var v4 = version == ManagementApiVersion.V4;
        var contractRequest = v4 ? CatalogRequests.ContractRequest("offer-a", "asset-7") : CatalogRequests.V3ContractRequest("offer-a");

        var (dataset, datasetBody) = await PostAsync(http, $"/{version}/catalog/dataset/request", CatalogRequests.DatasetRequest(version, "asset-7"), sim, cancellationToken);
        var (negotiated, negotiation) = await PostAsync(http, $"/{version}/contractnegotiations", contractRequest, sim, cancellationToken);
        var (queried, page) = await PostAsync(
            http,
            $"/{version}/contractagreements/request",
            CatalogRequests.Query(version, "\"sortField\":\"contractSigningDate\",\"sortOrder\":\"DESC\"", ("assetId", "=", "asset-7")),
            sim,
            cancellationToken);
        var (rejected, _) = await PostAsync(http, $"/{version}/contractagreements/request", CatalogRequests.Query(version, null, ("state", "=", "x")), sim, cancellationToken);

        // Prism forwards an answer declared only as "default" unchecked, so the Dataset is checked against the schema here.
        // Both documents make Constraint a oneOf whose LogicalConstraint branch accepts any object, so an atomic
        // constraint matches both branches and fails: that document defect is the only violation, and without the
        // scripted constraints the answer validates.
        var schema = v4 ? "dataset-schema" : "Dataset";
        var withConstraints = await ManagementApiSchemas.ValidateAsync(spec, schema, datasetBody.GetRawText());
        var datasetViolations = await ManagementApiSchemas.ValidateAsync(spec, schema, WithoutConstraints(datasetBody));

        Assert.Multiple(() =>
        {
            prism.AssertNoViolations();
            Assert.That(datasetViolations, Is.Empty, datasetBody.ToString());
            Assert.That(withConstraints.Single(), Does.Contain("NotOneOf: #/hasPolicy[0].permission[0].constraint[0]"));
            Assert.That(dataset, Is.EqualTo(HttpStatusCode.OK), datasetBody.ToString());
            Assert.That(negotiated, Is.EqualTo(HttpStatusCode.OK), negotiation.ToString());
            Assert.That(queried, Is.EqualTo(HttpStatusCode.OK), page.ToString());
            Assert.That(page.GetArrayLength(), Is.EqualTo(2), page.ToString());
            Assert.That(rejected, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(prism.Output, Does.Contain($"/{version}/catalog/dataset/request").And.Contain($"/{version}/contractagreements/request"));
        });
    }

    // Both documents declare the dataset answer only as "default", which Prism matches to any status: EDC's own 502
    // for an unknown asset (undeclared as such) and the simulator's copy of it therefore pass unremarked.
    [TestCase("3.1.3", ManagementApiVersion.V3)]
    [TestCase("4.1.0", ManagementApiVersion.V4)]
    [CancelAfter(120_000)]
    public async Task ShouldPassPrismUnremarked_WhenAnUnknownAssetGetsEdcs502(string spec, string version, CancellationToken cancellationToken)
    {
        await using var sim = await SimulatorClient.StartAsync();
        await using var prism = await PrismProxy.StartAsync(RepositoryPaths.ManagementApi(spec), new Uri(sim.Simulator.ManagementAddress));
        using var http = new HttpClient { BaseAddress = prism.Address };

        var (status, body) = await PostAsync(http, $"/{version}/catalog/dataset/request", CatalogRequests.DatasetRequest(version, "asset-x"), sim, cancellationToken);

        Assert.Multiple(() =>
        {
            prism.AssertNoViolations();
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadGateway), body.ToString());
            Assert.That(body[0].GetProperty("message").GetString(), Does.Contain("code=404"));
            Assert.That(prism.Output, Does.Contain($"The upstream call to /{version}/catalog/dataset/request has returned 502"));
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task ShouldSendAndAnswerOnlyWhatTheSpecificationAccepts_WhenQueryingEdrEntries(CancellationToken cancellationToken)
    {
        await using var sim = await SimulatorClient.StartAsync();
        var transferId = await sim.StartTransferAsync("agreement-e");
        await using var prism = await PrismProxy.StartAsync(RepositoryPaths.ManagementApi("3.1.6"), new Uri(sim.Simulator.ManagementAddress));
        using var http = new HttpClient { BaseAddress = prism.Address };

        var (queried, page) = await PostAsync(
            http, "/v3/edrs/request", CatalogRequests.Query(ManagementApiVersion.V3, "\"limit\":10", ("agreementId", "=", "agreement-e")), sim, cancellationToken);
        var (rejected, _) = await PostAsync(http, "/v3/edrs/request", CatalogRequests.Query(ManagementApiVersion.V3, null, ("state", "=", "x")), sim, cancellationToken);

        Assert.Multiple(() =>
        {
            prism.AssertNoViolations();
            Assert.That(queried, Is.EqualTo(HttpStatusCode.OK), page.ToString());
            Assert.That(page.EnumerateArray().Select(e => e.GetProperty("@id").GetString()), Is.EqualTo(new[] { transferId }));
            Assert.That(rejected, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(prism.Output, Does.Contain("/v3/edrs/request"));
        });
    }

    private static string WithoutConstraints(JsonElement dataset)
    {
        var node = JsonNode.Parse(dataset.GetRawText())!;
        foreach (var rule in node["hasPolicy"]!.AsArray().SelectMany(offer => offer!["permission"]?.AsArray() ?? []))
        {
            rule!.AsObject().Remove("constraint");
        }

        return node.ToJsonString();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(
        HttpClient http, string path, string json, SimulatorClient sim, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        message.Headers.Add("X-Api-Key", sim.Simulator.ApiKey);
        using var response = await http.SendAsync(message, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
