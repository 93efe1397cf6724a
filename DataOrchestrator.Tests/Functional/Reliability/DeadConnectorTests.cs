using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional.Reliability;

/// <summary>
/// Promise 2: the items of a connector that refuses every connection wait for it (WAITING_FOR_CONNECTOR) without
/// holding up the workers, so a healthy connector's orchestration finishes in about the time it takes alone; once
/// EDC_UNAVAILABLE_TIMEOUT has passed they fail with EDC_UNAVAILABLE.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DeadConnectorTests
{
    private const int Items = 150;

    [Test]
    public async Task ShouldLetDeadConnectorItemsWaitWithoutWorkers_AndKeepTheHealthyOneFlowing_WhenAConnectorRefusesConnections()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Workers:Count"] = "4",
            ["Edc:EdcUnavailableTimeoutSeconds"] = "4",
            ["Edc:EdcUnavailableRetryDelayMs"] = "200",
        });
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
        var waiting = await harness.WaitUntilAsync(deadId, e => e.GetProperty("process_status").GetString() == "WAITING_FOR_CONNECTOR");
        var mixed = await TimeAsync(harness, Request(healthy.ConnectorAddress, Items));
        var dead = await harness.WaitForFinalAsync(deadId, TimeSpan.FromSeconds(60));
        var deadElapsed = mixedWatch.Elapsed;

        var deadItems = dead.GetProperty("items").EnumerateArray().ToArray();
        var messages = deadItems.Select(i => i.GetProperty("error").GetProperty("message").GetString()!).ToArray();
        var waitingItem = waiting.GetProperty("items").EnumerateArray().First(i => i.GetProperty("status").GetString() == "WAITING_FOR_CONNECTOR");
        var report = $"healthy alone {alone.TotalSeconds:F2} s, healthy beside the dead connector {mixed.TotalSeconds:F2} s, dead connector's {Items} items final after {deadElapsed.TotalSeconds:F2} s; most attempts of one dead item {deadItems.Max(i => i.GetProperty("attempts").GetInt32())}";
        TestContext.Out.WriteLine(report);
        Assert.Multiple(() =>
        {
            Assert.That(waitingItem.GetProperty("error").GetProperty("message").GetString(), Does.StartWith("Waiting for the connector"));
            Assert.That(waitingItem.GetProperty("next_attempt_at").GetString(), Is.Not.Null);
            Assert.That(waitingItem.GetProperty("waiting_since").GetString(), Is.Not.Null);
            Assert.That(dead.GetProperty("process_status").GetString(), Is.EqualTo("FAILED"));
            Assert.That(deadItems.Select(i => i.GetProperty("error").GetProperty("code").GetString()), Is.All.EqualTo("EDC_UNAVAILABLE"));
            Assert.That(messages, Has.All.Contains("EDC_UNAVAILABLE_TIMEOUT"), "they failed because they waited too long");
            Assert.That(deadItems.Select(i => i.GetProperty("attempts").GetInt32()), Has.All.GreaterThan(1), "they were tried again while waiting");
            Assert.That(mixed, Is.LessThan(alone * 2 + TimeSpan.FromSeconds(2)), "waiting items hold no worker: " + report);
            Assert.That(deadElapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(4)).And.LessThan(TimeSpan.FromSeconds(30)), report);
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
