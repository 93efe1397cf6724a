using System.Net;
using System.Text.Json;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.EdcSimulator.Calls;
using DataOrchestrator.Tests.Support.Hosting;
using DataOrchestrator.Tests.Support.Metrics;

namespace DataOrchestrator.Tests.Functional;

/// <summary>GET /metrics: what the service did, in the Prometheus text format, for holders of a client key only.</summary>
public sealed class MetricsTests
{
    private const string ItemsFinished = "dataorchestrator_items_finished_total";
    private const string StageCount = "dataorchestrator_stage_duration_seconds_count";

    private static readonly TimeSpan ScrapeTimeout = TimeSpan.FromSeconds(15);

    private static object Offer(string offerId) => new
    {
        type = "edc-offer",
        counterPartyAddress = "http://provider-qna-controlplane:8082/api/dsp",
        counterPartyId = "did:web:provider-identityhub%3A7083:provider",
        offerId,
        assetId = "asset-1",
        policy = new { permission = Array.Empty<object>(), obligation = new { action = "use" } },
    };

    /// <summary>The Management API endpoint of a call the simulator recorded, worked out from its path alone: version, collection, {id}, action.</summary>
    private static string? ManagementEndpoint(RecordedCall call)
    {
        var at = call.Path.IndexOf("/api/management/", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var segments = call.Path[(at + "/api/management".Length)..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length > 2)
        {
            segments[2] = "{id}";
        }

        return $"{call.Method} /{string.Join('/', segments)}";
    }

    private static Dictionary<string, double> SimulatorCounts(ServiceHarness harness) => harness.Simulator.State.Calls
        .Select(c => (Endpoint: ManagementEndpoint(c), c.StatusCode))
        .Where(c => c.Endpoint is not null)
        .GroupBy(c => $"{c.Endpoint} {c.StatusCode}")
        .ToDictionary(g => g.Key, g => (double)g.Count());

    private static Dictionary<string, double> ExportedCounts(PrometheusScrape scrape) => scrape.Where("dataorchestrator_edc_requests_total")
        .GroupBy(s => $"{s["endpoint"]} {s["status_code"]}")
        .ToDictionary(g => g.Key, g => g.Sum(s => s.Value));

    private static async Task<PrometheusScrape> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return PrometheusScrape.Parse(text);
    }

    /// <summary>
    /// Scrapes until <paramref name="settled"/> holds: a few measurements land just after the status they explain
    /// (a step's duration once its last save returned; the terminate call after SAVED), and scrapes are cached briefly.
    /// </summary>
    private static async Task<PrometheusScrape> ScrapeWhenAsync(HttpClient client, Func<PrometheusScrape, bool> settled)
    {
        var deadline = DateTime.UtcNow + ScrapeTimeout;
        while (true)
        {
            var scrape = await ScrapeAsync(client);
            if (settled(scrape) || DateTime.UtcNow > deadline)
            {
                return scrape;
            }

            await Task.Delay(100);
        }
    }

    [Test]
    public async Task ShouldExportWhatTheOrchestrationsDid_WhenScrapedWithTheClientKey()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var state = harness.Simulator.State;
        state.SetBehaviour("flaky", new() { ManagementFailures = 2 });
        state.SetBehaviour("late-edr", new() { EdrMissingCalls = 2 });
        state.SetBehaviour("large", new() { PayloadBytes = 700_000 });
        state.SetBehaviour("flaky-data-plane", new() { DataPlaneFailures = 1 });
        state.SetBehaviour("unknown-agreement", new() { RejectTransfer = new() });

        var completed = await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest("plain", "flaky", "late-edr", "large", "flaky-data-plane")));
        var partially = await harness.WaitForFinalAsync(await harness.SubmitAsync(new
        {
            data = new object[] { Offer("offer-a"), new { counterPartyAddress = "http://provider/api/dsp", contractId = "unknown-agreement" } },
            connectorAddress = harness.Simulator.ConnectorAddress,
        }));
        var failed = await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest("unknown-agreement")));
        var items = new[] { completed, partially, failed }.SelectMany(e => e.GetProperty("items").EnumerateArray()).ToArray();
        var saved = items.Where(i => i.GetProperty("status").GetString() == "SAVED").ToArray();

        // Stages: the one negotiation, the two rejected starts, four per saved item.
        var scrape = await ScrapeWhenAsync(harness.Client, s =>
            s.Sum(StageCount) == 1 + 2 + 4 * saved.Length
            && ExportedCounts(s).OrderBy(c => c.Key).SequenceEqual(SimulatorCounts(harness).OrderBy(c => c.Key))
            && state.Calls.Count(c => c.Path.EndsWith("/terminate", StringComparison.Ordinal)) == saved.Length);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { completed, partially, failed }.Select(e => e.GetProperty("process_status").GetString()), Is.EqualTo(new[] { "COMPLETED", "PARTIALLY_COMPLETED", "FAILED" }));
            Assert.That(saved, Has.Length.EqualTo(6));
            Assert.That(
                scrape.By("dataorchestrator_orchestrations_finished_total", "status"),
                Is.EquivalentTo(new Dictionary<string, double> { ["COMPLETED"] = 1, ["PARTIALLY_COMPLETED"] = 1, ["FAILED"] = 1 }));
            Assert.That(scrape.By(ItemsFinished, "status"), Is.EquivalentTo(new Dictionary<string, double> { ["SAVED"] = 6, ["FAILED"] = 2 }));
            Assert.That(scrape.By(ItemsFinished, "error_code", ("status", "FAILED")), Is.EquivalentTo(new Dictionary<string, double> { [ItemErrorCodes.EdcRequestRejected] = 2 }));
            Assert.That(scrape.Where(ItemsFinished, ("status", "SAVED")).Select(s => s["error_code"]), Is.All.Null, "a saved item has no error code");

            // Every item starts a transfer; the two rejected ones stop there; only the offer is negotiated.
            Assert.That(scrape.By(StageCount, "stage", ("outcome", "success")), Is.EquivalentTo(new Dictionary<string, double>
            {
                ["negotiate"] = 1, ["start_transfer"] = 6, ["wait_started"] = 6, ["retrieve_edr"] = 6, ["download"] = 6,
            }));
            Assert.That(scrape.By(StageCount, "stage", ("outcome", "failure")), Is.EquivalentTo(new Dictionary<string, double> { ["start_transfer"] = 2 }));
            Assert.That(
                scrape.Sum("dataorchestrator_stage_duration_seconds_bucket", ("stage", "download"), ("outcome", "success"), ("le", "+Inf")),
                Is.EqualTo(6),
                "the histogram's buckets are exported");

            Assert.That(ExportedCounts(scrape), Is.EquivalentTo(SimulatorCounts(harness)), "Management API requests per endpoint and status, as the simulator saw them");
            Assert.That(ExportedCounts(scrape).Keys, Has.Member("POST /v3/transferprocesses 503").And.Member("GET /v3/edrs/{id}/dataaddress 404").And.Member("POST /v3/contractnegotiations 200"));
            Assert.That(
                scrape.Sum("dataorchestrator_edc_request_duration_seconds_count"),
                Is.EqualTo(scrape.Sum("dataorchestrator_edc_requests_total")),
                "every request is timed");

            Assert.That(scrape.By("dataorchestrator_retries_total", "kind"), Is.EquivalentTo(new Dictionary<string, double>
            {
                ["edc_http"] = 2, ["data_address"] = 2, ["data_plane_http"] = 1,
            }));
            Assert.That(scrape.Sum("dataorchestrator_download_bytes_total"), Is.EqualTo(saved.Sum(i => i.GetProperty("bytes").GetInt64())));
            Assert.That(scrape.Sum("dataorchestrator_download_bytes_total"), Is.GreaterThan(700_000));
            Assert.That(scrape.Sum("dataorchestrator_queue_depth"), Is.Zero);
            Assert.That(scrape.Sum("dataorchestrator_workers_active"), Is.Zero);
            Assert.That(scrape.Sum("dataorchestrator_workers_configured"), Is.EqualTo(8));

            Assert.That(scrape.Sum("http_server_request_duration_seconds_count", ("http_route", "orchestrate"), ("http_request_method", "POST")), Is.EqualTo(3));
            Assert.That(scrape.Where("http_server_request_duration_seconds_count", ("http_route", "/metrics")), Is.Empty, "scrapes are not counted as API requests");
            Assert.That(scrape.Where("dotnet_gc_heap_total_allocated_bytes_total"), Is.Not.Empty, "runtime metrics");
        });
    }

    [Test]
    public async Task ShouldAnswer403InTheErrorEnvelope_WhenScrapedWithoutAValidKey()
    {
        await using var harness = await ServiceHarness.StartAsync();
        using var anonymous = harness.CreateClient();
        using var wrongKey = harness.CreateClient("not-a-key");

        using var withoutKey = await anonymous.GetAsync("/metrics");
        using var withWrongKey = await wrongKey.GetAsync("/metrics");
        var body = JsonDocument.Parse(await withoutKey.Content.ReadAsStringAsync()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(withoutKey.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(withWrongKey.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(body.GetProperty("status_code").GetInt32(), Is.EqualTo(403));
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("ERROR"));
            Assert.That(body.GetProperty("message").GetString(), Does.Contain("API key"));
        });
    }

    [Test]
    public async Task ShouldNotServeMetrics_WhenDisabled()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Metrics:Enabled"] = "false" });

        using var response = await harness.Client.GetAsync("/metrics");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task ShouldLeaveMetricsOutOfTheOpenApiDocument()
    {
        await using var harness = await ServiceHarness.StartAsync();

        using var document = JsonDocument.Parse(await harness.Client.GetStringAsync("/swagger/v1/swagger.json"));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(paths, Has.Member("/orchestrate"), "the document lists the API");
            Assert.That(paths, Has.No.Member("/metrics"));
        });
    }

    [Test]
    public async Task ShouldExportOnlyItsOwnMeasurements_WhenAnotherServiceRunsInTheSameProcess()
    {
        await using var busy = await ServiceHarness.StartAsync();
        await using var idle = await ServiceHarness.StartAsync();

        await busy.WaitForFinalAsync(await busy.SubmitAsync(busy.ExampleRequest("a", "b")));
        var ofBusy = await ScrapeWhenAsync(busy.Client, s => s.Sum(StageCount, ("stage", "download")) == 2);
        var ofIdle = await ScrapeAsync(idle.Client);

        Assert.Multiple(() =>
        {
            Assert.That(ofBusy.Sum(ItemsFinished), Is.EqualTo(2));
            Assert.That(ofBusy.Sum("dataorchestrator_orchestrations_finished_total"), Is.EqualTo(1));
            Assert.That(ofIdle.Where(ItemsFinished), Is.Empty);
            Assert.That(ofIdle.Where("dataorchestrator_edc_requests_total"), Is.Empty);
            Assert.That(ofIdle.Sum("dataorchestrator_download_bytes_total"), Is.Zero);
            Assert.That(ofIdle.Where("http_server_request_duration_seconds_count", ("http_route", "orchestrate")), Is.Empty, "the other service's requests");
            Assert.That(ofIdle.Where("dataorchestrator_workers_configured").Select(s => s.Value), Is.EqualTo(new[] { 8.0 }), "its own gauges, once");
        });
    }
}
