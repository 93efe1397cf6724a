using System.Diagnostics;
using System.Globalization;
using DataOrchestrator.Bench.Load;
using DataOrchestrator.Bench.Processes;

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
    private const int SubmitParallelism = 8;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    // Status pages cost the service CPU, so they are read only once every file is there, or when files stop coming.
    private static readonly TimeSpan Stalled = TimeSpan.FromSeconds(5);

    public sealed record Result(
        string Backend, int Instances, int WorkersPerInstance, int LatencyMs, int Orchestrations, int ItemsPerOrchestration,
        int Saved, int Failed, double Seconds, double ItemsPerSecond, double? RatioToMemory,
        Percentiles EndToEndMs, Percentiles ProcessingMs,
        double ServiceCpuMsPerItem, double? DatabaseCpuMsPerItem, double SimulatorCpuMsPerItem,
        double? DatabaseTransactionsPerItem, int? DatabaseSessions, double MachineBusy);

    private sealed record Workload(int LatencyMs, int Orchestrations, int Items, int WarmUp)
    {
        public int TotalItems => (WarmUp + Orchestrations) * Items;
    }

    public static async Task<IReadOnlyList<Result>> RunAsync(BenchEnvironment environment, int latencyMs, int orchestrations, int items, int warmUp)
    {
        var workload = new Workload(latencyMs, orchestrations, items, warmUp);
        await using var cluster = await PostgresCluster.StartAsync(environment);
        var memory = await RunVariantAsync(environment, null, 1, workload);
        var results = new List<Result> { memory with { RatioToMemory = 1 } };
        foreach (var instances in new[] { 1, 2 })
        {
            var result = await RunVariantAsync(environment, cluster, instances, workload);
            results.Add(result with { RatioToMemory = result.ItemsPerSecond / memory.ItemsPerSecond });
        }

        return results;
    }

    private static async Task<Result> RunVariantAsync(BenchEnvironment environment, PostgresCluster? cluster, int instances, Workload workload)
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
        if (cluster is not null)
        {
            settings["STORAGE_BACKEND"] = "postgres";
            settings["POSTGRES_CONNECTION_STRING"] = await cluster.CreateDatabaseAsync(database);
        }

        await using var simulator = await environment.StartSimulatorAsync(workload.LatencyMs);
        var connector = new Uri(simulator.Address, "/consumer/cp").ToString();
        var data = environment.DataDirectory(name);
        var services = new List<ManagedProcess>();
        var clients = new List<ServiceClient>();
        Measurement measurement;
        int? sessions;
        try
        {
            for (var i = 1; i <= instances; i++)
            {
                var service = await environment.StartServiceAsync(string.Create(CultureInfo.InvariantCulture, $"{name}-{i}"), settings, dataName: name);
                services.Add(service);
                clients.Add(new ServiceClient(service.Address, connector));
            }

            // Warm-up (JIT tiers, HTTP and database connection pools), not measured.
            var warmUpIds = (await SubmitRoundRobinAsync(clients, workload.WarmUp, workload.Items, "warm-up")).ToHashSet();
            await WaitUntilFinalAsync(clients, data, workload.WarmUp * workload.Items, warmUpIds, workload.Items);

            measurement = await MeasureAsync(services, simulator, cluster, clients, data, workload);
            sessions = cluster is null ? null : await cluster.SessionsAsync(database);
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
        if (cluster is not null)
        {
            await cluster.WaitUntilDisconnectedAsync(database);
            transactionsPerItem = await cluster.TransactionsAsync(database) / (double)workload.TotalItems;
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
            measurement.MachineBusy);
    }

    private sealed record Measurement(
        ItemTiming[] Items, double Seconds, double ServiceCpuSeconds, double? DatabaseCpuSeconds, double SimulatorCpuSeconds, double MachineBusy);

    private static async Task<Measurement> MeasureAsync(
        List<ManagedProcess> services, ManagedProcess simulator, PostgresCluster? cluster, List<ServiceClient> clients, string data, Workload workload)
    {
        var serviceBefore = services.Sum(s => CpuSeconds(s.Pid));
        var simulatorBefore = CpuSeconds(simulator.Pid);
        var databaseBefore = cluster?.CpuSeconds();
        var machineBefore = ProcessStats.MachineCpu();
        var clock = Stopwatch.StartNew();

        var ids = (await SubmitRoundRobinAsync(clients, workload.Orchestrations, workload.Items, "agreement")).ToHashSet();
        var items = await WaitUntilFinalAsync(clients, data, workload.TotalItems, ids, workload.Items);

        var seconds = clock.Elapsed.TotalSeconds;
        var machineAfter = ProcessStats.MachineCpu();
        return new Measurement(
            items,
            seconds,
            services.Sum(s => CpuSeconds(s.Pid)) - serviceBefore,
            cluster?.CpuSeconds() - databaseBefore,
            CpuSeconds(simulator.Pid) - simulatorBefore,
            (machineAfter.Busy - machineBefore.Busy) / (double)(machineAfter.Total - machineBefore.Total));
    }

    /// <summary>Submits <paramref name="count"/> orchestrations from several clients, to the instances in turn.</summary>
    private static async Task<string[]> SubmitRoundRobinAsync(List<ServiceClient> clients, int count, int items, string contractId)
    {
        var body = clients[0].Body(contractId, items);
        var ids = new string[count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = SubmitParallelism },
            async (i, _) => ids[i] = await clients[i % clients.Count].SubmitAsync(body));
        return ids;
    }

    /// <summary>
    /// Waits until every item of <paramref name="ids"/> is SAVED or FAILED on GET /status (the instances in turn) and
    /// returns them. Until <paramref name="files"/> files are in the data directory only the directory is watched.
    /// </summary>
    private static async Task<ItemTiming[]> WaitUntilFinalAsync(List<ServiceClient> clients, string data, int files, HashSet<string> ids, int itemsPerOrchestration)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var polls = 0;
        var seen = -1;
        var lastChange = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            var count = Directory.EnumerateFiles(data).Count(f => !Path.GetFileName(f).StartsWith('.'));
            if (count != seen)
            {
                (seen, lastChange) = (count, DateTime.UtcNow);
            }

            if (count >= files || DateTime.UtcNow - lastChange > Stalled)
            {
                var items = (await clients[polls++ % clients.Count].AllItemsAsync()).Where(i => ids.Contains(i.OrchestrationId)).ToArray();
                if (items.Length == ids.Count * itemsPerOrchestration && items.All(i => i.Status is "SAVED" or "FAILED"))
                {
                    return items;
                }

                lastChange = DateTime.UtcNow; // while stalled, read the pages again only after another quiet spell
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Not every orchestration was final after {Timeout}.");
    }

    private static double CpuSeconds(int pid)
    {
        var (user, system) = ProcessStats.Cpu(pid);
        return user + system;
    }
}
