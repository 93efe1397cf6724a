using System.Net;
using System.Security.Cryptography;
using DataOrchestrator.EdcSimulator.DataPlane;
using DataOrchestrator.EdcSimulator.Faults;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.Tests.Support.Simulator;

namespace DataOrchestrator.Tests.Simulator;

/// <summary>HTTP Range on the data plane: what a client resuming a broken download relies on.</summary>
public sealed class DataPlaneRangeTests
{
    private const long PayloadBytes = 300_001;

    [TestCase("bytes=123457-", 123_457, PayloadBytes)]
    [TestCase("bytes=0-", 0, PayloadBytes)]
    [TestCase("bytes=10-19", 10, 20)]
    [TestCase("bytes=299990-999999", 299_990, PayloadBytes)]
    [TestCase("bytes=-100", PayloadBytes - 100, PayloadBytes)]
    public async Task ShouldServeExactlyThatSliceOfTheFullPayload_WhenARangeIsAsked(string range, long start, long end)
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetBehaviour("big", new AgreementBehaviour { PayloadBytes = PayloadBytes });
        var authorization = await sim.AuthorizeAsync("big");
        using var http = new HttpClient();

        using var fullRequest = sim.DownloadRequest(authorization);
        using var full = await http.SendAsync(fullRequest);
        var fullBody = await full.Content.ReadAsByteArrayAsync();
        using var sliceRequest = sim.DownloadRequest(authorization, range);
        using var slice = await http.SendAsync(sliceRequest);
        var sliceBody = await slice.Content.ReadAsByteArrayAsync();

        Assert.Multiple(() =>
        {
            Assert.That(full.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(full.Headers.AcceptRanges, Is.EquivalentTo(new[] { "bytes" }));
            Assert.That(slice.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
            Assert.That(slice.Headers.AcceptRanges, Is.EquivalentTo(new[] { "bytes" }));
            Assert.That(slice.Content.Headers.ContentRange?.ToString(), Is.EqualTo($"bytes {start}-{end - 1}/{PayloadBytes}"));
            Assert.That(slice.Content.Headers.ContentLength, Is.EqualTo(end - start));
            Assert.That(SHA256.HashData(sliceBody), Is.EqualTo(SHA256.HashData(fullBody.AsSpan((int)start, (int)(end - start)))));
            Assert.That(SHA256.HashData(fullBody), Is.EqualTo(SimulatedPayload.ComputeSha256(PayloadBytes)));
        });
    }

    [Test]
    public async Task ShouldServeTheSliceOfAnInlinePayload_WhenARangeIsAsked()
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetBehaviour("inline", new AgreementBehaviour { Payload = """{"records":[1,2,3]}""" });
        var authorization = await sim.AuthorizeAsync("inline");
        using var http = new HttpClient();

        using var request = sim.DownloadRequest(authorization, "bytes=11-");
        using var response = await http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("[1,2,3]}"));
    }

    [Test]
    public async Task ShouldAnswer416_WhenTheRangeStartsAtOrPastTheEnd()
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetBehaviour("big", new AgreementBehaviour { PayloadBytes = PayloadBytes });
        var authorization = await sim.AuthorizeAsync("big");
        using var http = new HttpClient();

        using var request = sim.DownloadRequest(authorization, $"bytes={PayloadBytes}-");
        using var response = await http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestedRangeNotSatisfiable));
        Assert.That(response.Content.Headers.ContentRange?.ToString(), Is.EqualTo($"bytes */{PayloadBytes}"));
    }

    [Test]
    public async Task ShouldAnswer200WithoutAcceptRanges_WhenRangeSupportIsOff()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { DataPlaneRanges = false });
        sim.State.SetBehaviour("big", new AgreementBehaviour { PayloadBytes = PayloadBytes });
        var authorization = await sim.AuthorizeAsync("big");
        using var http = new HttpClient();

        using var request = sim.DownloadRequest(authorization, "bytes=1000-");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        sim.State.DataPlaneRanges = true;
        using var again = sim.DownloadRequest(authorization, "bytes=1000-");
        using var switchedOn = await http.SendAsync(again);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.AcceptRanges, Is.Empty);
            Assert.That(response.Content.Headers.ContentRange, Is.Null);
            Assert.That(SHA256.HashData(body), Is.EqualTo(SimulatedPayload.ComputeSha256(PayloadBytes)), "the whole payload from byte 0");
            Assert.That(switchedOn.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent), "switchable while running");
        });
    }

    [Test]
    public async Task ShouldCompleteThePayload_WhenACutDownloadIsResumedWithARange()
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetBehaviour("big", new AgreementBehaviour { PayloadBytes = PayloadBytes });
        var authorization = await sim.AuthorizeAsync("big");
        using var http = new HttpClient();
        sim.State.Faults.Configure(new FaultSetting(1, Seed: 9, Kinds: [nameof(FaultKind.MidBodyReset)]));

        using var first = sim.DownloadRequest(authorization);
        var cut = await ObservedResponse.ReadAsync(http, first);
        sim.State.Faults.Configure(new FaultSetting(0));
        using var resume = sim.DownloadRequest(authorization, $"bytes={cut.Body.Length}-");
        using var rest = await http.SendAsync(resume);
        var whole = cut.Body.Concat(await rest.Content.ReadAsByteArrayAsync()).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(cut.Failure, Is.Not.Null, "the first attempt broke");
            Assert.That(rest.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
            Assert.That(SHA256.HashData(whole), Is.EqualTo(SimulatedPayload.ComputeSha256(PayloadBytes)));
        });
    }
}
