using System.Globalization;
using System.Net;
using System.Text.Json;
using DataOrchestrator.Testing.Postgres;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>
/// GET /status/summary through the real API, on both stores, with orchestrations run against the EDC simulator: the
/// counts agree with GET /status, finished items land in the current minute's bucket, PostgreSQL answers the same on
/// every instance, and the route is not taken for an orchestration id.
/// </summary>
public sealed class StatusSummaryTests
{
    private static readonly string[] ProcessStatuses =
    [
        "QUEUED", "WAITING_FOR_CONNECTOR", "CATALOG_REQUESTED", "NEGOTIATION_REQUESTED", "NEGOTIATED", "TRANSFER_REQUESTED", "TRANSFER_STARTED",
        "DATA_ADDRESS_RETRIEVED", "DOWNLOADING", "COMPLETED", "PARTIALLY_COMPLETED", "FAILED", "CANCELLED",
    ];

    private static async Task<Dictionary<string, string?>> PostgresSettingsAsync(string? connectionString = null) => new()
    {
        ["Persistence:Backend"] = "postgres",
        ["Persistence:ConnectionString"] = connectionString ?? await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync(),
        ["Persistence:PollIntervalMs"] = "20",
    };

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string pathAndQuery)
    {
        using var response = await client.GetAsync(pathAndQuery);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static async Task<JsonElement> SummaryAsync(HttpClient client, string query = "")
    {
        var (status, body) = await GetAsync(client, $"/status/summary{query}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That((body.GetProperty("status").GetString(), body.GetProperty("status_code").GetInt32()), Is.EqualTo(("SUCCESS", 200)));
        return body.GetProperty("response");
    }

    private static DateTimeOffset Time(JsonElement value) => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture);

    private static Dictionary<string, long> Counts(JsonElement summary) =>
        summary.GetProperty("process_counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

    /// <summary>One COMPLETED orchestration (two items saved) and one PARTIALLY_COMPLETED (one saved, one failed), run to the end.</summary>
    private static async Task<string[]> RunTwoAsync(ServiceHarness harness)
    {
        harness.Simulator.State.SetBehaviour("gone", new() { RejectTransfer = new() });
        var ids = new[] { await harness.SubmitAsync(harness.ExampleRequest("a", "b")), await harness.SubmitAsync(harness.ExampleRequest("c", "gone")) };
        foreach (var id in ids)
        {
            await harness.WaitForFinalAsync(id);
        }

        return ids;
    }

    private static void AssertSummaryOfTwo(JsonElement summary, int minutes)
    {
        var counts = Counts(summary);
        var buckets = summary.GetProperty("finished_per_minute").EnumerateArray().ToArray();
        var generatedAt = Time(summary.GetProperty("generated_at"));
        Assert.Multiple(() =>
        {
            Assert.That(counts.Keys, Is.EqualTo(ProcessStatuses), "every status, zeros included");
            Assert.That(counts.Where(c => c.Value != 0), Is.EquivalentTo(new Dictionary<string, long> { ["COMPLETED"] = 1, ["PARTIALLY_COMPLETED"] = 1 }));
            Assert.That(summary.GetProperty("total").GetInt64(), Is.EqualTo(2));
            Assert.That(buckets, Has.Length.EqualTo(minutes));
            Assert.That(buckets.Select(b => Time(b.GetProperty("minute"))), Is.EqualTo(Enumerable.Range(0, minutes).Select(i => Time(buckets[0].GetProperty("minute")).AddMinutes(i))), "consecutive minutes, oldest first");
            Assert.That(Time(buckets[^1].GetProperty("minute")), Is.EqualTo(generatedAt.AddTicks(-(generatedAt.UtcTicks % TimeSpan.TicksPerMinute))), "ending with the current minute");
            Assert.That(buckets.Sum(b => b.GetProperty("saved").GetInt64()), Is.EqualTo(3));
            Assert.That(buckets.Sum(b => b.GetProperty("failed").GetInt64()), Is.EqualTo(1));
            Assert.That(buckets.Sum(b => b.GetProperty("cancelled").GetInt64()), Is.Zero);
        });
    }

    [Test]
    public async Task ShouldCountOrchestrationsAndFinishedItems_AsStatusShowsThem_InMemory()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await RunTwoAsync(harness);

        var summary = await SummaryAsync(harness.Client, "?minutes=5");

        AssertSummaryOfTwo(summary, 5);
        var (_, listed) = await GetAsync(harness.Client, "/status");
        var statuses = listed.GetProperty("response").GetProperty("orchestration_processes").EnumerateObject()
            .GroupBy(p => p.Value.GetProperty("process_status").GetString()!).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.That(Counts(summary).Where(c => c.Value != 0), Is.EquivalentTo(statuses), "the counts are what GET /status shows");
    }

    [Test]
    public async Task ShouldAnswerTheSameSummaryOnEveryInstance_WithPostgres()
    {
        var settings = await PostgresSettingsAsync();
        await using var first = await ServiceHarness.StartAsync(settings);
        await RunTwoAsync(first);
        await using var second = await ServiceHarness.StartAsync(await PostgresSettingsAsync(settings["Persistence:ConnectionString"]));

        var fromFirst = await SummaryAsync(first.Client, "?minutes=2");
        var fromSecond = await SummaryAsync(second.Client, "?minutes=2");

        AssertSummaryOfTwo(fromFirst, 2);
        AssertSummaryOfTwo(fromSecond, 2);
        Assert.That(
            fromSecond.GetProperty("finished_per_minute").ToString(), Is.EqualTo(fromFirst.GetProperty("finished_per_minute").ToString()),
            "one database, one answer (unless a minute turned between the two calls)");
    }

    [Test]
    public async Task ShouldAnswerSixtyMinutes_WhenNoneAreAsked()
    {
        await using var harness = await ServiceHarness.StartAsync();

        var summary = await SummaryAsync(harness.Client);

        Assert.Multiple(() =>
        {
            Assert.That(summary.GetProperty("finished_per_minute").GetArrayLength(), Is.EqualTo(60));
            Assert.That(summary.GetProperty("total").GetInt64(), Is.Zero);
            Assert.That(Counts(summary).Values, Is.All.Zero);
        });
    }

    [Test]
    public async Task ShouldRouteSummaryToTheSummary_AndOtherSegmentsToAnOrchestration()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var id = await harness.SubmitAsync(harness.ExampleRequest("a"));
        await harness.WaitForFinalAsync(id);

        var summary = await SummaryAsync(harness.Client);
        var (oneStatus, one) = await GetAsync(harness.Client, $"/status/{id}");
        var (unknownStatus, unknown) = await GetAsync(harness.Client, "/status/summaries");

        Assert.Multiple(() =>
        {
            Assert.That(summary.TryGetProperty("orchestration_processes", out _), Is.False);
            Assert.That(summary.GetProperty("total").GetInt64(), Is.EqualTo(1));
            Assert.That(oneStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(one.GetProperty("response").GetProperty("orchestration_processes").TryGetProperty(id, out _), Is.True);
            Assert.That(unknownStatus, Is.EqualTo(HttpStatusCode.NotFound), "any other segment is an orchestration id");
            Assert.That(unknown.GetProperty("message").GetString(), Is.EqualTo("Orchestration not found"));
        });
    }

    [TestCase("?minutes=0")]
    [TestCase("?minutes=1441")]
    [TestCase("?minutes=-1")]
    [TestCase("?minutes=ten")]
    [TestCase("?minutes=1.5")]
    [TestCase("?minutes=")]
    [TestCase("?minutes=5&minutes=6")]
    public async Task ShouldAnswer400InTheErrorEnvelope_ForABadMinutes(string query)
    {
        await using var harness = await ServiceHarness.StartAsync();

        var (status, body) = await GetAsync(harness.Client, $"/status/summary{query}");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("ERROR"));
            Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("Invalid request format"));
            Assert.That(body.GetProperty("details").TryGetProperty("minutes", out _), Is.True, body.ToString());
        });
    }
}
