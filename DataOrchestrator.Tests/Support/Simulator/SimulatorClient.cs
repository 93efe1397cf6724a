using System.Net;
using System.Text;
using System.Text.Json;
using DataOrchestrator.EdcSimulator;
using DataOrchestrator.EdcSimulator.Hosting;

namespace DataOrchestrator.Tests.Support.Simulator;

/// <summary>An in-process EDC simulator plus an HTTP client for its management API and data plane.</summary>
internal sealed class SimulatorClient : IAsyncDisposable
{
    public const string V2Context = "https://w3id.org/edc/connector/management/v2";

    private readonly HttpClient _http = new();

    private SimulatorClient(EdcSimulatorInstance simulator)
    {
        Simulator = simulator;
    }

    public EdcSimulatorInstance Simulator { get; }

    public SimulatorState State => Simulator.State;

    public static async Task<SimulatorClient> StartAsync(SimulatorOptions? options = null) =>
        new(await EdcSimulatorHost.StartAsync(options));

    public static string V4TransferRequest(string contractId) => $$"""
        {"@context":["{{V2Context}}"],"@type":"TransferRequest","counterPartyAddress":"http://provider/api/dsp/2025-1",
         "contractId":"{{contractId}}","protocol":"dataspace-protocol-http:2025-1","transferType":"HttpData-PULL"}
        """;

    public static string V3TransferRequest(string contractId) => $$$"""
        {"@context":["https://w3id.org/edc/connector/management/v0.0.1"],"@type":"TransferRequest",
         "counterPartyAddress":"http://provider/api/dsp","contractId":"{{{contractId}}}","protocol":"dataspace-protocol-http",
         "transferType":"HttpData-PULL","dataDestination":{"@type":"DataAddress","type":"HttpProxy"}}
        """;

    public static string V3ContractRequest(string offerId) => $$$"""
        {"@context":{"@vocab":"https://w3id.org/edc/v0.0.1/ns/"},"@type":"ContractRequest",
         "counterPartyAddress":"http://provider/api/dsp","protocol":"dataspace-protocol-http",
         "policy":{"@context":"http://www.w3.org/ns/odrl.jsonld","@type":"odrl:Offer","@id":"{{{offerId}}}",
                   "odrl:assigner":"provider-bpn","target":{"@id":"asset-7"} } }
        """;

    public static string V4ContractRequest(string offerId) => $$$"""
        {"@context":["{{{V2Context}}}"],"@type":"ContractRequest","counterPartyAddress":"http://provider/api/dsp/2025-1",
         "counterPartyId":"did:web:provider","protocol":"dataspace-protocol-http:2025-1",
         "policy":{"@type":"Offer","@id":"{{{offerId}}}","assigner":"did:web:provider","target":"asset-1"}}
        """;

    public Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string json) =>
        SendAsync(HttpMethod.Post, path, json);

    public Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path) =>
        SendAsync(HttpMethod.Get, path, null);

    public Task<(HttpStatusCode Status, JsonElement Body)> PutAsync(string path, string json) =>
        SendAsync(HttpMethod.Put, path, json);

    public Task<(HttpStatusCode Status, JsonElement Body)> DeleteAsync(string path) =>
        SendAsync(HttpMethod.Delete, path, null);

    /// <summary>Creates a transfer (v3 or v4) and returns its id.</summary>
    public async Task<string> StartTransferAsync(string contractId, string version = ManagementApiVersion.V3)
    {
        var request = version == ManagementApiVersion.V4 ? V4TransferRequest(contractId) : V3TransferRequest(contractId);
        var (status, body) = await PostAsync($"/{version}/transferprocesses", request);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body.GetProperty("@id").GetString()!;
    }

    /// <summary>Starts a transfer of the agreement and returns the Authorization value of its EDR.</summary>
    public async Task<string> AuthorizeAsync(string contractId)
    {
        var transferId = await StartTransferAsync(contractId);
        var (status, edr) = await GetAsync($"/v3/edrs/{transferId}/dataaddress");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), edr.ToString());
        return edr.GetProperty("authorization").GetString()!;
    }

    /// <summary>A data plane GET with the EDR's Authorization value and, when given, a Range header value.</summary>
    public HttpRequestMessage DownloadRequest(string authorization, string? range = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Simulator.PublicEndpoint);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        return request;
    }

    /// <summary>A management API GET with the API key.</summary>
    public HttpRequestMessage ManagementRequest(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Simulator.ManagementAddress + path);
        request.Headers.Add("X-Api-Key", Simulator.ApiKey);
        return request;
    }

    /// <summary>GET on the data plane with the given Authorization header value (none when null).</summary>
    public async Task<(HttpStatusCode Status, string Body)> DownloadAsync(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Simulator.PublicEndpoint);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Simulator.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, Simulator.ManagementAddress + path);
        request.Headers.Add("X-Api-Key", Simulator.ApiKey);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body);
    }
}
