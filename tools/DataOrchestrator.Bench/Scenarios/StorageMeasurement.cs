using System.Diagnostics;
using DataOrchestrator.Bench.Processes;
using DataOrchestrator.Testing.Postgres;
using DataOrchestrator.Testing.Processes;

namespace DataOrchestrator.Bench.Scenarios;

/// <summary>
/// One measured run of the storage scenario: the items it finished, the time from the first submit until every item
/// was final, and the CPU the services, the database cluster and the simulator spent meanwhile.
/// </summary>
internal sealed record StorageMeasurement(
    ItemTiming[] Items, double Seconds, double ServiceCpuSeconds, double? DatabaseCpuSeconds, double SimulatorCpuSeconds, double MachineBusy)
{
    public static async Task<StorageMeasurement> RunAsync(
        List<ServiceProcess> services, ServiceProcess simulator, PostgresCluster? cluster, List<ServiceClient> clients, string data, StorageWorkload workload)
    {
        var serviceBefore = services.Sum(s => ProcessStats.CpuSeconds(s.Pid));
        var simulatorBefore = ProcessStats.CpuSeconds(simulator.Pid);
        var databaseBefore = ClusterCpuSeconds(cluster);
        var machineBefore = ProcessStats.MachineCpu();
        var filesBefore = StorageWorkload.FilesIn(data);
        var clock = Stopwatch.StartNew();

        var ids = (await workload.SubmitRoundRobinAsync(clients, workload.Orchestrations, "agreement")).ToHashSet();
        var items = await workload.WaitUntilFinalAsync(clients, data, filesBefore + workload.TotalItems, ids);

        var seconds = clock.Elapsed.TotalSeconds;
        var machineAfter = ProcessStats.MachineCpu();
        return new StorageMeasurement(
            items,
            seconds,
            services.Sum(s => ProcessStats.CpuSeconds(s.Pid)) - serviceBefore,
            ClusterCpuSeconds(cluster) - databaseBefore,
            ProcessStats.CpuSeconds(simulator.Pid) - simulatorBefore,
            (machineAfter.Busy - machineBefore.Busy) / (double)(machineAfter.Total - machineBefore.Total));
    }

    /// <summary>The whole cluster's: the postmaster, its backends and background processes.</summary>
    private static double? ClusterCpuSeconds(PostgresCluster? cluster) =>
        cluster is null ? null : ProcessStats.CpuSecondsWithChildren(cluster.PostmasterPid());
}
