using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DataOrchestrator.Bench.Load;
using DataOrchestrator.Bench.Processes;
using DataOrchestrator.Testing.Processes;

namespace DataOrchestrator.Bench.Scenarios;

/// <summary>
/// Memory per stored orchestration (2 items) with many in the store, and the latency of GET /status pages at that size.
/// One worker is held by a transfer that never starts, so every other item stays stored and queued.
/// </summary>
internal static partial class StateScaleBenchmark
{
    public sealed record Result(int Orchestrations, double HeapBytesPerOrchestration, double RssBytesPerOrchestration, Percentiles FirstPageMs, Percentiles DeepPageMs);

    public static async Task<Result> RunAsync(BenchEnvironment environment, int orchestrations, int pageRequests)
    {
        await using var simulator = await environment.StartSimulatorAsync(0);
        await using var service = await environment.StartServiceAsync("state", new Dictionary<string, string>
        {
            ["WORKER_COUNT"] = "1",
            ["QUEUE_CAPACITY"] = (2 * orchestrations + 10_000).ToString(CultureInfo.InvariantCulture),
        });
        using var control = new HttpClient { BaseAddress = simulator.Address };
        (await control.PutAsJsonAsync("/_sim/agreements/hold", new { startDelayMs = 3_600_000 })).EnsureSuccessStatusCode();
        using var client = new ServiceClient(service.Address, new Uri(simulator.Address, "/consumer/cp").ToString());

        await client.SubmitManyAsync(2000, 2, "hold", 8); // warm-up: JIT, pools, first GC generations
        await Task.Delay(1000);
        var heapBefore = await HeapBytesAsync(environment, service.Pid);
        var rssBefore = ProcessStats.RssBytes(service.Pid);

        await client.SubmitManyAsync(orchestrations, 2, "hold", 16);
        await Task.Delay(1000);
        var heapAfter = await HeapBytesAsync(environment, service.Pid);
        var rssAfter = ProcessStats.RssBytes(service.Pid);

        var firstPage = await MeasureAsync(client, "/status?limit=100", pageRequests);
        var firstJson = await client.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/status?limit=100");
        var cursor = Uri.EscapeDataString(firstJson.GetProperty("response").GetProperty("next_cursor").GetString()!);
        var deepPage = await MeasureAsync(client, $"/status?limit=100&cursor={cursor}", pageRequests);

        return new Result(
            orchestrations,
            (heapAfter - heapBefore) / (double)orchestrations,
            (rssAfter - rssBefore) / (double)orchestrations,
            firstPage,
            deepPage);
    }

    /// <summary>One client, back to back: the service's own latency for a page of 100 entries.</summary>
    private static async Task<Percentiles> MeasureAsync(ServiceClient client, string path, int requests)
    {
        var latencies = new List<double>(requests);
        for (var i = 0; i < requests + 20; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.Http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            response.EnsureSuccessStatusCode();
            if (i >= 20)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return Percentiles.Of(latencies);
    }

    /// <summary>Live managed heap after a full GC, as dotnet-gcdump reports it (the collection forces the GC).</summary>
    private static async Task<long> HeapBytesAsync(BenchEnvironment environment, int pid)
    {
        var dump = Path.Combine(environment.WorkDirectory, $"heap-{Guid.NewGuid():N}.gcdump");
        await RunToolAsync(environment, ["tool", "run", "dotnet-gcdump", "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", dump]);
        var report = await RunToolAsync(environment, ["tool", "run", "dotnet-gcdump", "report", dump]);
        File.Delete(dump);
        var match = HeapBytesLine().Match(report);
        return match.Success
            ? long.Parse(match.Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("dotnet-gcdump printed no heap size: " + report);
    }

    private static async Task<string> RunToolAsync(BenchEnvironment environment, string[] arguments)
    {
        var result = await ProgramRunner.RunAsync("dotnet", arguments, environment.RepositoryRoot, TimeSpan.FromMinutes(10));
        return result.ExitCode == 0 ? result.Output : throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed: {result.Output}");
    }

    [GeneratedRegex(@"^\s*([\d,]+)\s+GC Heap bytes", RegexOptions.Multiline)]
    private static partial Regex HeapBytesLine();
}
