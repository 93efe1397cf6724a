using System.Globalization;
using DataOrchestrator.Bench.Load;
using DataOrchestrator.Bench.Processes;
using DataOrchestrator.Testing.Postgres;
using DataOrchestrator.Testing.Processes;

namespace DataOrchestrator.Bench.Scenarios;

/// <summary>
/// What durable storage costs: the same workload (N orchestrations × K items, 64 workers per instance, simulator latency
/// L) in memory, in PostgreSQL with one service instance, and with two instances sharing the database and the data
/// directory (submits alternate between them). Each variant gets fresh processes, a fresh data directory and — for
/// PostgreSQL — a fresh database in one throwaway cluster. Timed on the bench's clock from the first submit until every
/// orchestration is final, read from GET /status of either instance.
/// </summary>
internal static class StorageBenchmark
{
    public const int WorkersPerInstance = 64;

    /// <summary>
    /// PostgreSQL's defaults (every commit is flushed to disk, as in production) but for the sessions: the default (100)
    /// is too few for two instances of 64 workers, whose pools grow towards their worker count plus the API's requests.
    /// </summary>
    private static readonly PostgresClusterSettings ClusterSettings = new() { MaxConnections = 300, Durable = true };
    public sealed record Result(
        string Backend, int Instances, int WorkersPerInstance, int LatencyMs, int Orchestrations, int ItemsPerOrchestration,
        int Saved, int Failed, double Seconds, double ItemsPerSecond, double? RatioToMemory,
        Percentiles EndToEndMs, Percentiles ProcessingMs,
        double ServiceCpuMsPerItem, double? DatabaseCpuMsPerItem, double SimulatorCpuMsPerItem,
        double? DatabaseTransactionsPerItem, int? DatabaseSessions, double MachineBusy, IReadOnlyList<StatementCost>? Statements,
        IReadOnlyList<WarmUp.Result> WarmUps);

    public static async Task<IReadOnlyList<Result>> RunAsync(BenchEnvironment environment, int latencyMs, int orchestrations, int items, TimeSpan warmUpLimit)
    {
        var workload = new StorageWorkload(latencyMs, orchestrations, items, warmUpLimit);
        await using var cluster = await PostgresCluster.StartNewAsync(ClusterSettings);
        var memory = await RunVariantAsync(environment, null, 1, workload);
        var results = new List<Result> { memory with { RatioToMemory = 1 } };
        foreach (var instances in new[] { 1, 2 })
        {
            var result = await RunVariantAsync(environment, cluster, instances, workload);
            results.Add(result with { RatioToMemory = result.ItemsPerSecond / memory.ItemsPerSecond });
        }

        return results;
    }

    private static async Task<Result> RunVariantAsync(BenchEnvironment environment, PostgresCluster? cluster, int instances, StorageWorkload workload)
    {
        var backend = cluster is null ? "memory" : "postgres";
        var name = string.Create(CultureInfo.InvariantCulture, $"storage-{backend}-{instances}");
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"storage: {backend}, {instances} instance(s) × {WorkersPerInstance} workers, {workload.LatencyMs} ms latency, {workload.Orchestrations} × {workload.Items} items"));

        var settings = new Dictionary<string, string>
        {
            ["WORKER_COUNT"] = WorkersPerInstance.ToString(CultureInfo.InvariantCulture),
            ["QUEUE_CAPACITY"] = Math.Max(10_000, workload.TotalItems).ToString(CultureInfo.InvariantCulture),
        };
        var database = name.Replace('-', '_');
        DatabaseStatistics? statistics = null;
        if (cluster is not null)
        {
            settings["STORAGE_BACKEND"] = "postgres";
            settings["POSTGRES_CONNECTION_STRING"] = await cluster.CreateDatabaseAsync(database);
            statistics = new DatabaseStatistics(cluster, database);
        }

        await using var simulator = await environment.StartSimulatorAsync(workload.LatencyMs);
        var connector = new Uri(simulator.Address, "/consumer/cp").ToString();
        var data = environment.DataDirectory(name);
        var services = new List<ServiceProcess>();
        var clients = new List<ServiceClient>();
        StorageMeasurement measurement;
        int? sessions;
        var warmUps = new List<WarmUp.Result>();
        try
        {
            for (var i = 1; i <= instances; i++)
            {
                var service = await environment.StartServiceAsync(string.Create(CultureInfo.InvariantCulture, $"{name}-{i}"), settings, dataName: name);
                services.Add(service);
                clients.Add(new ServiceClient(service.Address, connector));
            }

            // Warm-up, not measured: through each instance until its JIT settled (as the pipeline rows), so that every
            // variant is measured in its steady state; a fixed warm-up measured the tier-up too, which costs more of a
            // short run (in memory) than of a long one.
            foreach (var client in clients)
            {
                warmUps.Add(await WarmUp.UntilJitSettledAsync(client, data, 100, workload.Items, workload.WarmUpLimit, StorageWorkload.FilesIn(data)));
            }

            measurement = await StorageMeasurement.RunAsync(services, simulator, cluster, clients, data, workload);
            sessions = statistics is null ? null : await statistics.SessionsAsync();
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
            foreach (var service in services)
            {
                await service.DisposeAsync();
            }
        }

        // Backends report their statistics when idle or at exit; once the services are gone every one has.
        double? transactionsPerItem = null;
        IReadOnlyList<StatementCost>? statements = null;
        if (statistics is not null)
        {
            await statistics.WaitUntilDisconnectedAsync();
            // Over every item the database saw, warm-up included, as the statistics are.
            var allItems = StorageWorkload.FilesIn(data);
            transactionsPerItem = await statistics.TransactionsAsync() / (double)allItems;
            statements = await statistics.TopStatementsAsync(allItems);
        }

        var measured = measurement.Items;
        var count = measured.Length;
        var started = measured.Where(i => i.StartedAt is not null).ToArray();
        return new Result(
            backend, instances, WorkersPerInstance, workload.LatencyMs, workload.Orchestrations, workload.Items,
            measured.Count(i => i.Status == "SAVED"), measured.Count(i => i.Status == "FAILED"),
            measurement.Seconds, count / measurement.Seconds, null,
            Percentiles.Of(measured.Select(i => (i.FinishedAt!.Value - i.CreatedAt).TotalMilliseconds).ToArray()),
            Percentiles.Of(started.Select(i => (i.FinishedAt!.Value - i.StartedAt!.Value).TotalMilliseconds).ToArray()),
            measurement.ServiceCpuSeconds * 1000 / count,
            measurement.DatabaseCpuSeconds * 1000 / count,
            measurement.SimulatorCpuSeconds * 1000 / count,
            transactionsPerItem,
            sessions,
            measurement.MachineBusy,
            statements,
            warmUps);
    }
}
