using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional.Reliability;

/// <summary>
/// Promise 2: a connector that refuses every connection fails its items fast (EDC_UNAVAILABLE, circuit open) without
/// holding up the workers, so a healthy connector's orchestration finishes in about the time it takes alone.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DeadConnectorTests
{
    private const int Items = 150;

    [Test]
    public async Task ShouldFailDeadConnectorItemsFastAndKeepTheHealthyOneFlowing_WhenAConnectorRefusesConnections()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Workers:Count"] = "4" });
        await using var healthy = await EdcSimulatorHost.StartAsync(new SimulatorOptions
        {
            ApiKey = ServiceHarness.EdcKey,
            DefaultLatency = TimeSpan.FromMilliseconds(20),
        });
        harness.Simulator.State.DefaultLatency = TimeSpan.FromMilliseconds(20);
        var deadAddress = $"http://127.0.0.1:{ClosedPort()}/consumer/cp";

        // Warm-up, then the healthy connector alone.
        await harness.WaitForFinalAsync(await harness.SubmitAsync(Request(harness.Simulator.ConnectorAddress, 8)));
        var alone = await TimeAsync(harness, Request(harness.Simulator.ConnectorAddress, Items));

        // The same load on a second healthy connector, with the dead connector's items queued first.
        var deadId = await harness.SubmitAsync(Request(deadAddress, Items));
        var mixedWatch = Stopwatch.StartNew();
        var mixed = await TimeAsync(harness, Request(healthy.ConnectorAddress, Items));
        var dead = await harness.WaitForFinalAsync(deadId, TimeSpan.FromSeconds(60));
        var deadElapsed = mixedWatch.Elapsed;

        var deadItems = dead.GetProperty("items").EnumerateArray().ToArray();
        var messages = deadItems.Select(i => i.GetProperty("error").GetProperty("message").GetString()!).ToArray();
        var paused = messages.Count(m => m.Contains("circuit open", StringComparison.Ordinal));
        var report = $"healthy alone {alone.TotalSeconds:F2} s, healthy beside the dead connector {mixed.TotalSeconds:F2} s, dead connector's {Items} items final after {deadElapsed.TotalSeconds:F2} s, {paused} of them failed by the open circuit";
        TestContext.Out.WriteLine(report);
        Assert.Multiple(() =>
        {
            Assert.That(dead.GetProperty("process_status").GetString(), Is.EqualTo("FAILED"));
            Assert.That(deadItems.Select(i => i.GetProperty("error").GetProperty("code").GetString()), Is.All.EqualTo("EDC_UNAVAILABLE"));
            Assert.That(paused, Is.GreaterThan(Items / 2), "most items fail fast on the open circuit, not after their own retries: " + report);
            Assert.That(mixed, Is.LessThan(alone * 2 + TimeSpan.FromSeconds(2)), report);
            Assert.That(deadElapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "the dead connector's items fail fast: " + report);
        });
    }

    private static async Task<TimeSpan> TimeAsync(ServiceHarness harness, object request)
    {
        var watch = Stopwatch.StartNew();
        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(request), TimeSpan.FromSeconds(60));
        Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), entry.ToString());
        return watch.Elapsed;
    }

    private static object Request(string connectorAddress, int items) => new
    {
        data = Enumerable.Range(0, items).Select(i => new
        {
            type = "edc-asset",
            counterPartyAddress = "http://provider-qna-controlplane:8082/api/dsp",
            contractId = $"agreement-{i}",
            connectorId = "did:web:provider-identityhub:7083:provider",
        }).ToArray(),
        connectorAddress,
    };

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
