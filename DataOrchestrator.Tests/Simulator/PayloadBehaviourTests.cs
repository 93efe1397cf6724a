using System.Net;
using System.Security.Cryptography;
using DataOrchestrator.EdcSimulator.DataPlane;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.Tests.Support.Simulator;

namespace DataOrchestrator.Tests.Simulator;

/// <summary>The behaviours that make the simulated connector hand out awkward downloads and transfer ids.</summary>
public sealed class PayloadBehaviourTests
{
    private static async Task<HttpResponseMessage> DownloadAsync(SimulatorClient sim, HttpClient http, string contractId)
    {
        var transferId = await sim.StartTransferAsync(contractId);
        var (_, edr) = await sim.GetAsync($"/v3/edrs/{transferId}/dataaddress");
        using var request = new HttpRequestMessage(HttpMethod.Get, sim.Simulator.PublicEndpoint);
        request.Headers.TryAddWithoutValidation("Authorization", edr.GetProperty("authorization").GetString());
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    [Test]
    public async Task ShouldSendTheBodyChunked_WithoutContentLength_WhenOmitContentLengthIsSet()
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetBehaviour("chunked", new AgreementBehaviour { PayloadBytes = 300_000, OmitContentLength = true });
        sim.State.SetBehaviour("announced", new AgreementBehaviour { PayloadBytes = 300_000 });
        using var http = new HttpClient();

        using var chunked = await DownloadAsync(sim, http, "chunked");
        using var announced = await DownloadAsync(sim, http, "announced");
        var length = chunked.Content.Headers.ContentLength; // before the body is read: a buffered body has a computed length
        var body = await chunked.Content.ReadAsByteArrayAsync();

        Assert.Multiple(() =>
        {
            Assert.That(chunked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(length, Is.Null);
            Assert.That(chunked.Headers.TransferEncodingChunked, Is.True);
            Assert.That(SHA256.HashData(body), Is.EqualTo(SimulatedPayload.ComputeSha256(300_000)), "the same bytes as with a length");
            Assert.That(announced.Content.Headers.ContentLength, Is.EqualTo(300_000), "a length by default");
        });
    }

    [Test]
    public async Task ShouldSendTheConfiguredContentDisposition()
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetBehaviour("named", new AgreementBehaviour { ContentDisposition = "attachment; filename=\"../evil.sh\"" });
        using var http = new HttpClient();

        using var response = await DownloadAsync(sim, http, "named");

        Assert.That(response.Content.Headers.ContentDisposition?.FileName, Is.EqualTo("../evil.sh"));
    }

    [Test]
    public async Task ShouldPutThePrefixBeforeEachTransferId_AndFindTheTransferByItsEscapedId()
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetBehaviour("hostile", new AgreementBehaviour { TransferIdPrefix = "../a\\b/" });

        var first = await sim.StartTransferAsync("hostile");
        var second = await sim.StartTransferAsync("hostile");
        var (status, state) = await sim.GetAsync($"/v3/transferprocesses/{Uri.EscapeDataString(first)}/state");

        Assert.Multiple(() =>
        {
            Assert.That(first, Does.StartWith("../a\\b/"));
            Assert.That(second, Is.Not.EqualTo(first), "ids stay unique");
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(state.GetProperty("state").GetString(), Is.EqualTo("STARTED"));
        });
    }
}
