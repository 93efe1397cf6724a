using DataOrchestrator.Bench.Load;
using DataOrchestrator.Bench.Processes;

namespace DataOrchestrator.Bench.Scenarios;

/// <summary>
/// Requests per second and latency of GET /status/{id} next to the trivial /health/live of the same process (closed
/// loop), and of POST /orchestrate at a fixed arrival rate while the workers run what it accepts.
/// </summary>
internal static class ApiLatencyBenchmark
{
    public sealed record Row(string Endpoint, string Load, double RequestsPerSecond, Percentiles LatencyMs, int Errors);

    public sealed record Result(IReadOnlyList<Row> Rows, double StatusToTrivialRatio, WarmUp.Result WarmUp);

    public static async Task<Result> RunAsync(BenchEnvironment environment, TimeSpan duration, int concurrency, int postRate, TimeSpan warmUpLimit)
    {
        await using var simulator = await environment.StartSimulatorAsync(0);
        await using var service = await environment.StartServiceAsync("api", new Dictionary<string, string> { ["QUEUE_CAPACITY"] = "1000000" });
        using var client = new ServiceClient(service.Address, new Uri(simulator.Address, "/consumer/cp").ToString());
        var ids = await client.SubmitManyAsync(50, 2, "api", 4);
        await ServiceClient.WaitForFilesAsync(environment.DataDirectory("api"), 100, TimeSpan.FromMinutes(1));
        var statusPath = $"/status/{ids[0]}";

        // The POST row runs the pipeline for what it accepts: measured once the pipeline's code is compiled for good.
        var warmUp = await WarmUp.UntilJitSettledAsync(client, environment.DataDirectory("api"), 100, 2, warmUpLimit, filesBefore: 100);

        async Task<bool> Get(string path)
        {
            using var response = await client.Http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            return response.IsSuccessStatusCode;
        }

        // Warm both paths before measuring.
        await LoadGenerator.ClosedLoopAsync(() => Get("/health/live"), concurrency, TimeSpan.FromSeconds(1));
        await LoadGenerator.ClosedLoopAsync(() => Get(statusPath), concurrency, TimeSpan.FromSeconds(1));

        var trivial = await LoadGenerator.ClosedLoopAsync(() => Get("/health/live"), concurrency, duration);
        var status = await LoadGenerator.ClosedLoopAsync(() => Get(statusPath), concurrency, duration);
        var body = client.Body("api-post", 1);
        var post = await LoadGenerator.FixedRateAsync(() => client.PostAsync(body), postRate, duration);

        var closedLoop = $"closed loop, {concurrency} clients";
        return new Result(
            [
                new Row("GET /health/live (trivial)", closedLoop, trivial.RequestsPerSecond, trivial.Latency, trivial.Errors),
                new Row("GET /status/{id}", closedLoop, status.RequestsPerSecond, status.Latency, status.Errors),
                new Row("POST /orchestrate (1 item)", $"fixed rate {postRate}/s", post.RequestsPerSecond, post.Latency, post.Errors),
            ],
            status.RequestsPerSecond / trivial.RequestsPerSecond,
            warmUp);
    }
}
