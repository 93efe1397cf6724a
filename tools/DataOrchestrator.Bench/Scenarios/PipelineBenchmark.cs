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

    public static int SequentialEdcCalls(string flow) => flow == Dps ? 3 : 4;

    public sealed record Result(
        string Flow, int Workers, int LatencyMs, int Orchestrations, int ItemsPerOrchestration, int Saved, double Seconds,
        double ItemsPerSecond, double? IdealItemsPerSecond, double? RatioToIdeal,
        Percentiles EndToEndMs, Percentiles ProcessingMs, double CpuMsPerItem, double KernelCpuMsPerItem,
        double SimulatorCpuMsPerItem, double MachineBusy, WarmUp.Result WarmUp);

    public static async Task<Result> RunAsync(
        BenchEnvironment environment, int workers, int latencyMs, int orchestrations, int items, TimeSpan warmUpLimit, string flow = Edr)
    {
        var name = $"pipeline-{flow}-w{workers}-l{latencyMs}";
        await using var simulator = await environment.StartSimulatorAsync(latencyMs, flow == Dps ? ["--dps", "0.18"] : []);
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
        using var client = new ServiceClient(service.Address, new Uri(simulator.Address, "/consumer/cp").ToString());
        var data = environment.DataDirectory(name);

        // Warm-up (JIT tiers, connection pools, thread pool) until the JIT has settled, not measured.
        var warmUp = await WarmUp.UntilJitSettledAsync(client, data, 100, items, warmUpLimit);

        var cpuBefore = ProcessStats.Cpu(service.Pid);
        var simulatorBefore = ProcessStats.CpuSeconds(simulator.Pid);
        var machineBefore = ProcessStats.MachineCpu();
        var ids = (await client.SubmitManyAsync(orchestrations, items, "agreement", 8)).ToHashSet();
        await ServiceClient.WaitForFilesAsync(data, warmUp.Items + orchestrations * items, TimeSpan.FromMinutes(15));
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
            flow, workers, latencyMs, orchestrations, items, saved, seconds, throughput, ideal, ideal is { } i ? throughput / i : null,
            Percentiles.Of(measured.Select(i => (i.FinishedAt!.Value - i.CreatedAt).TotalMilliseconds).ToArray()),
            Percentiles.Of(measured.Select(i => (i.FinishedAt!.Value - i.StartedAt!.Value).TotalMilliseconds).ToArray()),
            cpuSeconds * 1000 / measured.Length,
            (cpuAfter.System - cpuBefore.System) * 1000 / measured.Length,
            simulatorSeconds * 1000 / measured.Length,
            (machineAfter.Busy - machineBefore.Busy) / (double)(machineAfter.Total - machineBefore.Total),
            warmUp);
    }
}
