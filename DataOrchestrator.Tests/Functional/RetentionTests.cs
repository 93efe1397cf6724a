using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using DataOrchestrator.Application.Retention;
using DataOrchestrator.Infrastructure.Retention;
using DataOrchestrator.Testing.Postgres;
using DataOrchestrator.Tests.Support.Hosting;
using DataOrchestrator.Tests.Support.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>Retention through the API: finished orchestrations and their files disappear after RETENTION_DAYS, nothing else does.</summary>
public sealed class RetentionTests
{
    // 0.00004 days is about 3.5 seconds: time enough to look at a finished orchestration before it goes.
    private static readonly Dictionary<string, string?> ShortRetention = new()
    {
        ["Retention:Days"] = "0.00004",
        ["Retention:SweepIntervalSeconds"] = "0.2",
        ["Edc:StartTimeoutSeconds"] = "60",
    };

    private static async Task<HttpStatusCode> StatusCodeOfAsync(ServiceHarness harness, string id)
    {
        using var response = await harness.Client.GetAsync($"/status/{id}");
        return response.StatusCode;
    }

    private static async Task WaitUntilGoneAsync(ServiceHarness harness, params string[] ids)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        foreach (var id in ids)
        {
            while (await StatusCodeOfAsync(harness, id) != HttpStatusCode.NotFound)
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"orchestration {id} was not removed");
                await Task.Delay(50);
            }
        }
    }

    private static async Task<(string[] Ids, string? Next)> PageAsync(ServiceHarness harness, string query)
    {
        using var response = await harness.Client.GetAsync($"/status{query}");
        var json = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json);
        var inner = JsonDocument.Parse(json).RootElement.GetProperty("response");
        return (inner.GetProperty("orchestration_processes").EnumerateObject().Select(p => p.Name).ToArray(), inner.GetProperty("next_cursor").GetString());
    }

    private static string[] StoragePathsOf(JsonElement entry) =>
        entry.GetProperty("storage_paths").EnumerateArray().Select(p => p.GetProperty("storage_path").GetString()!).ToArray();

    [Test]
    public async Task ShouldRemoveFinishedOrchestrationsAndTheirFiles_AfterTheRetention_AndKeepUnfinishedOnes()
    {
        await using var harness = await ServiceHarness.StartAsync(ShortRetention);
        using var counters = new CounterRecorder(harness.Factory.Services.GetRequiredService<IMeterFactory>());
        harness.Simulator.State.SetBehaviour("slow", new() { StartDelayMs = 30_000 });
        harness.Simulator.State.SetBehaviour("file", new() { PayloadBytes = 1_000 });
        var unfinished = await harness.SubmitAsync(harness.ExampleRequest("slow"));
        var first = await harness.SubmitAsync(harness.ExampleRequest("file", "file"));
        var second = await harness.SubmitAsync(harness.ExampleRequest("file"));
        var files = StoragePathsOf(await harness.WaitForFinalAsync(first)).Concat(StoragePathsOf(await harness.WaitForFinalAsync(second))).ToArray();
        var (newest, cursor) = await PageAsync(harness, "?limit=1");

        await WaitUntilGoneAsync(harness, first, second);

        var (afterCursor, _) = await PageAsync(harness, $"?limit=10&cursor={Uri.EscapeDataString(cursor!)}");
        var (all, _) = await PageAsync(harness, "?limit=10");
        var stillRunning = await harness.GetEntryAsync(unfinished);
        Assert.Multiple(() =>
        {
            Assert.That(files, Has.Length.EqualTo(3));
            Assert.That(files, Has.None.Matches<string>(File.Exists), "the files went with their orchestrations");
            Assert.That(harness.FilesOnDisk(), Is.Empty);
            Assert.That(newest, Is.EqualTo(new[] { second }));
            Assert.That(afterCursor, Is.EqualTo(new[] { unfinished }), "a cursor from before the removal still pages on");
            Assert.That(all, Is.EqualTo(new[] { unfinished }), "GET /status no longer lists them");
            Assert.That(stillRunning.GetProperty("process_status").GetString(), Is.EqualTo("TRANSFER_REQUESTED"), "unfinished, though older than the retention");
            Assert.That(counters.Total(RetentionMetrics.OrchestrationsRemoved), Is.EqualTo(2));
            Assert.That(counters.Total(RetentionMetrics.FilesRemoved), Is.EqualTo(3));
            Assert.That(counters.Total(RetentionMetrics.BytesRemoved), Is.EqualTo(3_000));
            Assert.That(harness.Logs.Lines, Has.Some.Matches<string>(l => l.StartsWith("Information|", StringComparison.Ordinal) && l.Contains("Retention removed", StringComparison.Ordinal)));
        });
    }

    [Test]
    public async Task ShouldRemoveFinishedOrchestrationsAndTheirFiles_FromPostgreSql()
    {
        var server = await PostgresCluster.SharedAsync();
        var settings = new Dictionary<string, string?>(ShortRetention)
        {
            ["Persistence:Backend"] = "postgres",
            ["Persistence:ConnectionString"] = await server.CreateDatabaseAsync(),
            ["Persistence:PollIntervalMs"] = "20",
        };
        await using var harness = await ServiceHarness.StartAsync(settings);
        using var counters = new CounterRecorder(harness.Factory.Services.GetRequiredService<IMeterFactory>());
        harness.Simulator.State.SetBehaviour("slow", new() { StartDelayMs = 30_000 });
        var unfinished = await harness.SubmitAsync(harness.ExampleRequest("slow"));
        var finished = await harness.SubmitAsync(harness.ExampleRequest("a", "b"));
        var files = StoragePathsOf(await harness.WaitForFinalAsync(finished));

        await WaitUntilGoneAsync(harness, finished);

        var (all, _) = await PageAsync(harness, "?limit=10");
        Assert.Multiple(() =>
        {
            Assert.That(files, Has.Length.EqualTo(2).And.None.Matches<string>(File.Exists));
            Assert.That(all, Is.EqualTo(new[] { unfinished }));
            Assert.That(counters.Total(RetentionMetrics.OrchestrationsRemoved), Is.EqualTo(1));
            Assert.That(counters.Total(RetentionMetrics.FilesRemoved), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task ShouldKeepEverything_WhenRetentionIsZero()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>(ShortRetention) { ["Retention:Days"] = "0" });
        var id = await harness.SubmitAsync(harness.ExampleRequest("a"));
        var files = StoragePathsOf(await harness.WaitForFinalAsync(id));

        // Its loop has ended without a sweep: nothing is removed, however long the service runs.
        await harness.Factory.Services.GetServices<IHostedService>().OfType<RetentionService>().Single().ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await StatusCodeOfAsync(harness, id), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(files, Has.Length.EqualTo(1).And.All.Matches<string>(File.Exists));
            Assert.That(harness.Logs.Lines, Has.Some.Contains("Retention is off"));
        });
    }
}
