using System.Globalization;
using DataOrchestrator.Bench.Load;
using DataOrchestrator.Bench.Processes;
using DataOrchestrator.Testing.Processes;

namespace DataOrchestrator.Bench.Scenarios;

/// <summary>
/// N orchestrations × K items through the real pipeline. EDR flow: a worker makes four Management API calls per item
/// in sequence (start transfer, state → STARTED, EDR, and terminate after the file is saved), each waiting the
/// simulator's latency L, plus a download without latency, so W workers can finish at most W / (4 × L) items per
/// second: the ideal. DPS flow (the simulator as EDC 0.18.0's control plane, the service its data plane): start
/// transfer, state → STARTED (the address has come with <c>/started</c> meanwhile) and the completed callback to the
/// signaling API, three calls: W / (3 × L).
/// </summary>
internal static class PipelineBenchmark
{
    public const string Edr = "edr";
    public const string Dps = "dps";

    /// <summary>The project's simulator plays EDC; or the independent Node stand-in (<c>tools/edc-standin</c>, EDR flow only).</summary>
    public const string Simulator = "simulator";
    public const string StandIn = "Node stand-in";

    /// <summary>How the client learns that the work is done: by watching the data directory, or as a user does.</summary>
    public const string WatchesFiles = "watches files";
    public const string PollsStatus = "polls GET /status?limit=1000 every 1 s";

    /// <summary>One row's set-up: the flow, who plays EDC, and the client.</summary>
    public sealed record Setup(string Flow = Edr, string Edc = Simulator, string Client = WatchesFiles);

    private static int s_rows;

    public static int SequentialEdcCalls(string flow) => flow == Dps ? 3 : 4;

    public sealed record Result(
        string Flow, string Edc, string Client, int Workers, int LatencyMs, int Orchestrations, int ItemsPerOrchestration, int Saved, double Seconds,
        double ItemsPerSecond, double? IdealItemsPerSecond, double? RatioToIdeal,
        Percentiles EndToEndMs, Percentiles ProcessingMs, double CpuMsPerItem, double KernelCpuMsPerItem,
        double SimulatorCpuMsPerItem, double MachineBusy, WarmUp.Result WarmUp);

    public static async Task<Result> RunAsync(
        BenchEnvironment environment, int workers, int latencyMs, int orchestrations, int items, TimeSpan warmUpLimit, Setup? setup = null)
    {
        setup ??= new Setup();
        var flow = setup.Flow;
        var standIn = setup.Edc == StandIn;
        // Each row gets its own data directory: the client counts files in it, so a row sharing another's would see
        // that row's files as its own (the client scenario's first row repeats the pipeline scenario's 64-worker row).
        var name = $"pipeline-{Interlocked.Increment(ref s_rows)}-{flow}-w{workers}-l{latencyMs}" + (standIn ? "-standin" : string.Empty) + (setup.Client == PollsStatus ? "-polls" : string.Empty);
        await using var simulator = standIn
            ? await environment.StartStandInAsync(latencyMs)
            : await environment.StartSimulatorAsync(latencyMs, flow == Dps ? ["--dps", "0.18"] : []);
        var settings = new Dictionary<string, string>
        {
            ["WORKER_COUNT"] = workers.ToString(CultureInfo.InvariantCulture),
            ["QUEUE_CAPACITY"] = Math.Max(10_000, orchestrations * items).ToString(CultureInfo.InvariantCulture),
        };
        if (flow == Dps)
        {
            // As demo.sh and the end-to-end tests: the service registers its own address; the simulator serves http
            // and sends no token (stock EDC without an authorization profile).
            settings["EDC_DATA_FLOW"] = "dps";
            settings["DATAPLANE_PUBLIC_URL"] = ServiceProcessOptions.AddressPlaceholder;
            settings["DATAPLANE_ALLOW_HTTP_ENDPOINTS"] = "true";
            settings["DATAPLANE_ALLOW_UNAUTHENTICATED"] = "true";
        }

        await using var service = await environment.StartServiceAsync(name, settings);
        using var client = new ServiceClient(service.Address, standIn ? simulator.Address.ToString().TrimEnd('/') : new Uri(simulator.Address, "/consumer/cp").ToString());
        var data = environment.DataDirectory(name);

        // Warm-up (JIT tiers, connection pools, thread pool) until the JIT has settled, not measured. A polling client
        // polls during the warm-up too, so that the status page's code is compiled before the measurement as well.
        WarmUp.Result warmUp;
        using (var polling = new CancellationTokenSource())
        {
            var poller = setup.Client == PollsStatus ? client.PollAsync(TimeSpan.FromSeconds(1), polling.Token) : Task.CompletedTask;
            warmUp = await WarmUp.UntilJitSettledAsync(client, data, 100, items, warmUpLimit);
            await polling.CancelAsync();
            await poller;
        }

        var cpuBefore = ProcessStats.Cpu(service.Pid);
        var simulatorBefore = ProcessStats.CpuSeconds(simulator.Pid);
        var machineBefore = ProcessStats.MachineCpu();
        var ids = (await client.SubmitManyAsync(orchestrations, items, "agreement", 8)).ToHashSet();
        if (setup.Client == PollsStatus)
        {
            await client.PollUntilFinalAsync(ids, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));
        }
        else
        {
            await ServiceClient.WaitForFilesAsync(data, warmUp.Items + orchestrations * items, TimeSpan.FromMinutes(15));
        }

        var cpuAfter = ProcessStats.Cpu(service.Pid);
        var simulatorAfter = ProcessStats.CpuSeconds(simulator.Pid);
        var machineAfter = ProcessStats.MachineCpu();
        var simulatorSeconds = simulatorAfter - simulatorBefore;
        var cpuSeconds = cpuAfter.User + cpuAfter.System - cpuBefore.User - cpuBefore.System;

        var measured = (await client.AllItemsAsync()).Where(i => ids.Contains(i.OrchestrationId)).ToArray();
        var saved = measured.Count(i => i.Status == "SAVED");
        var seconds = (measured.Max(i => i.FinishedAt!.Value) - measured.Min(i => i.CreatedAt)).TotalSeconds;
        var throughput = measured.Length / seconds;
        double? ideal = latencyMs > 0 ? workers / (SequentialEdcCalls(flow) * latencyMs / 1000.0) : null;
        return new Result(
            flow, setup.Edc, setup.Client, workers, latencyMs, orchestrations, items, saved, seconds, throughput, ideal, ideal is { } i ? throughput / i : null,
            Percentiles.Of(measured.Select(i => (i.FinishedAt!.Value - i.CreatedAt).TotalMilliseconds).ToArray()),
            Percentiles.Of(measured.Select(i => (i.FinishedAt!.Value - i.StartedAt!.Value).TotalMilliseconds).ToArray()),
            cpuSeconds * 1000 / measured.Length,
            (cpuAfter.System - cpuBefore.System) * 1000 / measured.Length,
            simulatorSeconds * 1000 / measured.Length,
            (machineAfter.Busy - machineBefore.Busy) / (double)(machineAfter.Total - machineBefore.Total),
            warmUp);
    }
}
