using System.Globalization;
using DataOrchestrator.Bench.Processes;
using DataOrchestrator.Testing.Processes;

namespace DataOrchestrator.Bench.Scenarios;

/// <summary>
/// How soon a freshly started service process works at full speed. A backlog lands on the process as soon as it
/// answers; its items' finish times give the items per second over the first 5 and 30 s of load, and second by second.
/// The same process, once its JIT has settled, then runs a backlog of the same shape: the steady state it is held
/// against. One row per build of the service (the plain build, the ReadyToRun publish), against one simulator that a
/// throwaway service warmed first, so that the simulator's own start-up is not measured.
/// </summary>
internal static class ColdStartBenchmark
{
    /// <summary>Items per orchestration of the backlog: few requests, so that the load is the pipeline's.</summary>
    private const int ItemsPerOrchestration = 20;

    public sealed record Build(string Name, string Dll, IReadOnlyDictionary<string, string> Environment);

    public sealed record Result(
        string Build, int Workers, int LatencyMs, int BacklogItems, int Saved, double ItemsPerSecondFirst5,
        double ItemsPerSecondFirst30, double SteadyItemsPerSecond, double? SecondsTo80Percent, int[] ItemsPerSecond,
        double CpuMsPerItemCold, WarmUp.Result WarmUp)
    {
        public double RatioFirst5 => ItemsPerSecondFirst5 / SteadyItemsPerSecond;

        public double RatioFirst30 => ItemsPerSecondFirst30 / SteadyItemsPerSecond;
    }

    public static async Task<List<Result>> RunAsync(
        BenchEnvironment environment, IReadOnlyList<Build> builds, int workers, int latencyMs, int backlogItems, TimeSpan warmUpLimit)
    {
        await using var simulator = await environment.StartSimulatorAsync(latencyMs);
        var connector = new Uri(simulator.Address, "/consumer/cp").ToString();
        var settings = new Dictionary<string, string>
        {
            ["WORKER_COUNT"] = workers.ToString(CultureInfo.InvariantCulture),
            ["QUEUE_CAPACITY"] = Math.Max(10_000, backlogItems).ToString(CultureInfo.InvariantCulture),
        };

        await using (var throwaway = await environment.StartServiceAsync("cold-simulator-warm-up", settings))
        {
            using var client = new ServiceClient(throwaway.Address, connector);
            await WarmUp.UntilJitSettledAsync(client, environment.DataDirectory("cold-simulator-warm-up"), 100, 2, warmUpLimit);
        }

        var results = new List<Result>();
        foreach (var (build, row) in builds.Select((b, i) => (b, i + 1)))
        {
            Console.Error.WriteLine($"  cold start: {build.Name}");
            var result = await RunOneAsync(environment, build, row, settings, connector, workers, latencyMs, backlogItems, warmUpLimit);
            Console.Error.WriteLine($"    first 5 s {result.ItemsPerSecondFirst5:F0}/s, steady {result.SteadyItemsPerSecond:F0}/s "
                + $"({result.RatioFirst5:P0}); per second: {string.Join(' ', result.ItemsPerSecond.Take(10))}");
            results.Add(result);
        }

        return results;
    }

    private static async Task<Result> RunOneAsync(
        BenchEnvironment environment, Build build, int row, Dictionary<string, string> settings, string connector, int workers,
        int latencyMs, int backlogItems, TimeSpan warmUpLimit)
    {
        // Its own data directory per row: a build may run more than once (A/B), and the files tell when it is done.
        var name = $"cold-{row}";
        await using var service = await environment.StartServiceAsync(name, settings.Concat(build.Environment).ToDictionary(), dll: build.Dll);
        using var client = new ServiceClient(service.Address, connector);
        var data = environment.DataDirectory(name);
        var cpuBefore = ProcessStats.Cpu(service.Pid);

        var orchestrations = backlogItems / ItemsPerOrchestration;
        using var sampling = new CancellationTokenSource();
        var cpuSamples = SampleCpuAsync(service.Pid, sampling.Token);
        var cold = (await client.SubmitManyAsync(orchestrations, ItemsPerOrchestration, "cold", 8)).ToHashSet();
        await ServiceClient.WaitForFilesAsync(data, orchestrations * ItemsPerOrchestration, TimeSpan.FromMinutes(10));
        await sampling.CancelAsync();
        var cpu = await cpuSamples;
        var coldItems = (await client.AllItemsAsync()).Where(i => cold.Contains(i.OrchestrationId)).ToArray();
        var start = coldItems.Min(i => i.CreatedAt);
        var offsets = coldItems.Select(i => (i.FinishedAt!.Value - start).TotalSeconds).ToArray();
        var perSecond = CountPer(offsets, 1, (int)Math.Ceiling(offsets.Max()));
        PrintFirstSecond(coldItems, start, offsets, cpu);
        var cpuAfter = ProcessStats.Cpu(service.Pid);

        var warmUp = await WarmUp.UntilJitSettledAsync(client, data, 100, 2, warmUpLimit, coldItems.Length);
        var steadyOrchestrations = orchestrations / 2;
        var steady = (await client.SubmitManyAsync(steadyOrchestrations, ItemsPerOrchestration, "steady", 8)).ToHashSet();
        await ServiceClient.WaitForFilesAsync(data, coldItems.Length + warmUp.Items + steadyOrchestrations * ItemsPerOrchestration, TimeSpan.FromMinutes(10));
        var steadyItems = (await client.AllItemsAsync()).Where(i => steady.Contains(i.OrchestrationId)).ToArray();
        var steadyRate = steadyItems.Length / (steadyItems.Max(i => i.FinishedAt!.Value) - steadyItems.Min(i => i.CreatedAt)).TotalSeconds;

        var secondsTo80 = Array.FindIndex(perSecond, n => n >= 0.8 * steadyRate);
        return new Result(
            build.Name, workers, latencyMs, coldItems.Length, coldItems.Count(i => i.Status == "SAVED"),
            RateOver(offsets, 5), RateOver(offsets, 30), steadyRate, secondsTo80 < 0 ? null : secondsTo80 + 1, perSecond,
            (cpuAfter.User + cpuAfter.System - cpuBefore.User - cpuBefore.System) * 1000 / coldItems.Length, warmUp);
    }

    /// <summary>What the first second of load went to: the submissions, the service's CPU, the first waves of items.</summary>
    private static void PrintFirstSecond(ItemTiming[] items, DateTimeOffset start, double[] offsets, List<double> cpu)
    {
        static string Seconds(IEnumerable<double> values) => string.Join(' ', values.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)));
        var submitted = (items.Max(i => i.CreatedAt) - start).TotalSeconds;
        var firstStarts = items.Where(i => i.StartedAt is not null).Select(i => (i.StartedAt!.Value - start).TotalSeconds).Order().Take(5);
        var tenths = CountPer(offsets, 0.1, 10);
        Console.Error.WriteLine($"    submitted in {submitted:F2} s; service CPU per 250 ms: {Seconds(cpu.Take(12))}");
        Console.Error.WriteLine($"    first items started after (s): {Seconds(firstStarts)}; first saved after {offsets.Min():F2} s; "
            + $"saved per 100 ms of the first second: {string.Join(' ', tenths)}");
    }

    /// <summary>How many <paramref name="offsets"/> fall in each of the first <paramref name="count"/> spans of <paramref name="width"/> seconds.</summary>
    private static int[] CountPer(double[] offsets, double width, int count) =>
        Enumerable.Range(0, count).Select(n => offsets.Count(o => o >= n * width && o < (n + 1) * width)).ToArray();

    /// <summary>The service's CPU seconds in each 250 ms from now until cancelled.</summary>
    private static async Task<List<double>> SampleCpuAsync(int pid, CancellationToken cancellationToken)
    {
        var samples = new List<double>();
        var last = ProcessStats.CpuSeconds(pid);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = ProcessStats.CpuSeconds(pid);
                samples.Add(now - last);
                last = now;
            }
        }
        catch (OperationCanceledException)
        {
        }

        return samples;
    }

    /// <summary>Items finished in the first <paramref name="seconds"/> of load, per second (over less when the backlog ended sooner).</summary>
    private static double RateOver(double[] offsets, double seconds) => offsets.Count(o => o < seconds) / Math.Min(seconds, offsets.Max());
}
