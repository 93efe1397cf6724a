using System.Net;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Signaling;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Support.Simulator;

/// <summary>A simulator switched into a DPS shape with one fake consumer data plane registered, for DPS tests.</summary>
internal sealed class DpsSimulator : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private DpsSimulator(SimulatorClient sim, FakeDataPlane dataPlane)
    {
        Sim = sim;
        DataPlane = dataPlane;
    }

    public SimulatorClient Sim { get; }

    public FakeDataPlane DataPlane { get; }

    public DpsState Dps => Sim.State.Dps;

    /// <summary>Starts both, switches the shape through the state (as a test of the service would) and registers the data plane.</summary>
    public static async Task<DpsSimulator> StartAsync(string shape, string transferType = "HttpData-PULL", string labels = "[]")
    {
        var sim = await SimulatorClient.StartAsync();
        var dataPlane = await FakeDataPlane.StartAsync();
        sim.State.Dps.Shape = shape;
        var (status, body) = await sim.PutAsync("/v4/dataplanes", $$"""
            {"dataplaneId":"dp-1","endpoint":"{{dataPlane.Endpoint}}","transferTypes":["{{transferType}}"],"labels":{{labels}}}
            """);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return new DpsSimulator(sim, dataPlane);
    }

    public static string TransferRequest(string contractId, string labels = "[]") => $$$"""
        {"@context":["{{{SimulatorClient.V2Context}}}"],"@type":"TransferRequest","counterPartyAddress":"http://provider/api/dsp/2025-1",
         "contractId":"{{{contractId}}}","protocol":"dataspace-protocol-http:2025-1","transferType":"HttpData-PULL",
         "dataplaneMetadata":{"@type":"DataplaneMetadata","labels":{{{labels}}},"properties":{"k":"v"} } }
        """;

    /// <summary>Starts a v4 DPS transfer and returns its id (= processId).</summary>
    public async Task<string> StartTransferAsync(string contractId, string labels = "[]")
    {
        var (status, body) = await Sim.PostAsync("/v4/transferprocesses", TransferRequest(contractId, labels));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body.GetProperty("@id").GetString()!;
    }

    public Task WaitForStateAsync(string transferId, string state) =>
        Eventually.UntilAsync(() => Dps.FindFlow(transferId)?.State == state, Timeout, $"transfer {transferId} is {state}");

    public async Task<ReceivedSignal> WaitForSignalAsync(string kind, string transferId)
    {
        await Eventually.UntilAsync(
            () => DataPlane.ReceivedOf(kind).Any(signal => signal.ProcessId == transferId), Timeout, $"the data plane got {kind}");
        return DataPlane.ReceivedOf(kind).First(signal => signal.ProcessId == transferId);
    }

    /// <summary>POSTs a data plane callback to the simulator's signaling API.</summary>
    public async Task<HttpStatusCode> CallbackAsync(string transferId, string kind, string state)
    {
        using var http = new HttpClient();
        var body = JsonSerializer.Serialize(FakeDataPlane.Status(transferId, state));
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(
            $"{Sim.Simulator.BaseAddress.ToString().TrimEnd('/')}/api/signaling/transfers/{transferId}/dataflow/{kind}", content);
        return response.StatusCode;
    }

    public async Task<string> TransferStateAsync(string transferId)
    {
        var (_, body) = await Sim.GetAsync($"/v4/transferprocesses/{transferId}/state");
        return body.GetProperty("state").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await Sim.DisposeAsync();
        await DataPlane.DisposeAsync();
    }
}
