using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.Tests.Support.Simulator;

namespace DataOrchestrator.Tests.Simulator;

/// <summary>
/// <c>POST /v3|v4/catalog/dataset/request</c>: the provider's Dataset from the scripted datasets, EDC 0.18's 502
/// around the provider's 404 for an unknown asset, a scripted refusal, and EDC's 400s for malformed requests.
/// </summary>
public sealed class DatasetRequestTests
{
    [TestCase(ManagementApiVersion.V3, "dcat:Dataset", "odrl:Offer")]
    [TestCase(ManagementApiVersion.V4, "Dataset", "Offer")]
    public async Task ShouldAnswerTheScriptedOffersWithoutTargetOrAssigner_WhenTheAssetHasADataset(string version, string datasetType, string offerType)
    {
        var options = new SimulatorOptions();
        options.Datasets["asset-1"] = ScenarioFile.ParseDatasets($$"""{"asset-1":{{CatalogRequests.TwoOffers}}}""")["asset-1"];
        await using var sim = await SimulatorClient.StartAsync(options);

        var (status, dataset) = await sim.PostAsync($"/{version}/catalog/dataset/request", CatalogRequests.DatasetRequest(version, "asset-1"));

        var offers = dataset.GetProperty("hasPolicy").EnumerateArray().ToArray();
        var distribution = dataset.GetProperty("distribution")[0];
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), dataset.ToString());
            Assert.That(dataset.GetProperty("@id").GetString(), Is.EqualTo("asset-1"));
            Assert.That(dataset.GetProperty("@type").GetString(), Is.EqualTo(datasetType));
            Assert.That(offers.Select(o => o.GetProperty("@id").GetString()), Is.EqualTo(new[] { "offer-a", "offer-b" }));
            Assert.That(offers.Select(o => o.GetProperty("@type").GetString()), Is.All.EqualTo(offerType));
            Assert.That(offers[0].GetProperty("permission")[0].GetProperty("constraint")[0].GetProperty("rightOperand").GetString(), Is.EqualTo("x"));
            Assert.That(offers.SelectMany(o => o.EnumerateObject().Select(p => p.Name)), Has.None.AnyOf("target", "assigner", "odrl:target", "odrl:assigner"));
            Assert.That(offers[0].TryGetProperty("prohibition", out _), Is.False, "an empty rule list is left out (minItems 1)");
            Assert.That(distribution.GetProperty("format").GetString(), Is.EqualTo("HttpData-PULL"));
            Assert.That(distribution.GetProperty("accessService").GetProperty("endpointURL").GetString(), Does.StartWith("http://provider/api/dsp"));
            Assert.That(dataset.GetProperty("@context").ValueKind, Is.EqualTo(version == ManagementApiVersion.V4 ? JsonValueKind.Array : JsonValueKind.Object));
            Assert.That(sim.State.Calls.Single().AssetId, Is.EqualTo("asset-1"));
        });
    }

    [TestCase(ManagementApiVersion.V3, "\"@type\":\"dspace:CatalogError\",\"dspace:code\":\"404\"")]
    [TestCase(ManagementApiVersion.V4, "\"@type\":\"CatalogError\",\"code\":\"404\"")]
    public async Task ShouldAnswer502CarryingTheProvidersCatalogError404_WhenTheAssetIsUnknown(string version, string catalogError)
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (status, errors) = await sim.PostAsync($"/{version}/catalog/dataset/request", CatalogRequests.DatasetRequest(version, "asset-x"));

        var error = errors.EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadGateway));
            Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("BadGateway"));
            Assert.That(error.GetProperty("message").GetString(), Does.StartWith("Counter Party responded with Response{protocol=http/1.1, code=404, message=Not Found, url=http://provider/api/dsp"));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain("/catalog/datasets/asset-x}. Body: {" + catalogError));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain("[\"Dataset asset-x does not exist\"]"));
            Assert.That(sim.State.Calls.Single().AssetId, Is.EqualTo("asset-x"));
        });
    }

    [Test]
    public async Task ShouldRefuseWithTheScriptedError_WhenTheDatasetRejectsTheCatalogRequest()
    {
        await using var sim = await SimulatorClient.StartAsync();
        using var control = new HttpClient { BaseAddress = sim.Simulator.BaseAddress };
        using var unreachable = await control.PutAsync("/_sim/datasets/asset-down", Json("""{"rejectCatalog":{}}"""));
        using var forbidden = await control.PutAsync("/_sim/datasets/asset-secret", Json("""{"rejectCatalog":{"status":403,"type":"NotAuthorized","message":"no"}}"""));

        var (down, downErrors) = await sim.PostAsync("/v4/catalog/dataset/request", CatalogRequests.DatasetRequest(ManagementApiVersion.V4, "asset-down"));
        var (secret, secretErrors) = await sim.PostAsync("/v3/catalog/dataset/request", CatalogRequests.DatasetRequest(ManagementApiVersion.V3, "asset-secret"));

        Assert.Multiple(() =>
        {
            Assert.That(unreachable.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(down, Is.EqualTo(HttpStatusCode.BadGateway));
            Assert.That(downErrors[0].GetProperty("type").GetString(), Is.EqualTo("BadGateway"));
            Assert.That(downErrors[0].GetProperty("message").GetString(), Does.Contain("asset-down").And.Not.Contain("404"));
            Assert.That(secret, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(secretErrors[0].GetProperty("type").GetString(), Is.EqualTo("NotAuthorized"));
            Assert.That(secretErrors[0].GetProperty("message").GetString(), Is.EqualTo("no"));
        });
    }

    [TestCase(ManagementApiVersion.V3, "\"@id\":\"asset-1\",", "@id cannot be null or blank")]
    [TestCase(ManagementApiVersion.V3, "\"counterPartyId\":\"provider-bpn\",", "mandatory value 'https://w3id.org/edc/v0.0.1/ns/counterPartyId' is missing")]
    [TestCase(ManagementApiVersion.V4, "\"counterPartyId\":\"did:web:provider\",", "$: required property 'counterPartyId' not found")]
    [TestCase(ManagementApiVersion.V4, "\"@type\":\"DatasetRequest\",", "$: required property '@type' not found")]
    [TestCase(ManagementApiVersion.V4, ",\"protocol\":\"dataspace-protocol-http:2025-1\"", "exactly one of 'protocol' and 'profile' is required")]
    public async Task ShouldAnswer400WithEdcsErrorArray_WhenTheRequestIsMalformed(string version, string removed, string message)
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetDataset("asset-1", new DatasetBehaviour { Offers = [JsonDocument.Parse("""{"@id":"o"}""").RootElement] });

        var (status, errors) = await sim.PostAsync(
            $"/{version}/catalog/dataset/request", CatalogRequests.DatasetRequest(version, "asset-1").Replace(removed, string.Empty, StringComparison.Ordinal));

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), errors.ToString());
        Assert.That(errors.EnumerateArray().Select(e => e.GetProperty("message").GetString()), Has.Some.Contains(message));
    }

    [Test]
    public async Task ShouldReadSetAndClearDatasets_ThroughTheControlApi()
    {
        await using var sim = await SimulatorClient.StartAsync();
        using var control = new HttpClient { BaseAddress = sim.Simulator.BaseAddress };

        using var withTarget = await control.PutAsync("/_sim/datasets/a", Json("""{"offers":[{"@id":"o","target":"a"}]}"""));
        using var noOffers = await control.PutAsync("/_sim/datasets/a", Json("""{"offers":[]}"""));
        using var set = await control.PutAsync("/_sim/datasets/a", Json(CatalogRequests.TwoOffers));
        var listed = await control.GetFromJsonAsync<JsonElement>("/_sim/datasets");
        using var removed = await control.DeleteAsync("/_sim/datasets/a");
        var (afterRemoval, _) = await sim.PostAsync("/v4/catalog/dataset/request", CatalogRequests.DatasetRequest(ManagementApiVersion.V4, "a"));

        Assert.Multiple(() =>
        {
            Assert.That(withTarget.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(noOffers.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(listed.GetProperty("a").GetProperty("offers")[1].GetProperty("@id").GetString(), Is.EqualTo("offer-b"));
            Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(afterRemoval, Is.EqualTo(HttpStatusCode.BadGateway));
            Assert.That(() => ScenarioFile.ParseDatasets("""{"a":{"offers":[{"@id":"o","odrl:assigner":"p"}]}}"""), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("assigner"));
        });
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
