using System.Diagnostics;
using DataOrchestrator.Bench.Processes;
using DataOrchestrator.Testing.Processes;

namespace DataOrchestrator.Bench.Scenarios;

/// <summary>
/// What one trivial HTTP exchange costs on this machine, to read the pipeline's CPU per item against: CPU of an
/// HttpClient sending a GET (this process) and of Kestrel answering it (the simulator process), plus one file written
/// and renamed the way the service saves a payload (raw handle, then rename).
/// </summary>
internal static class HttpFloorBenchmark
{
    public sealed record Result(int Requests, double ClientCpuMsPerRequest, double ServerCpuMsPerRequest, double FileCpuMsPerFile);

    public static async Task<Result> RunAsync(BenchEnvironment environment, int requests)
    {
        await using var simulator = await environment.StartSimulatorAsync(0);
        using var client = ServiceClient.CreateClient(simulator.Address);
        var work = Enumerable.Range(0, 16).ToArray();
        await SendAsync(client, 2000, work);

        using var self = Process.GetCurrentProcess();
        var clientBefore = self.TotalProcessorTime;
        var serverBefore = ProcessStats.CpuSeconds(simulator.Pid);
        await SendAsync(client, requests, work);
        self.Refresh();
        var clientMs = (self.TotalProcessorTime - clientBefore).TotalMilliseconds;
        var serverMs = (ProcessStats.CpuSeconds(simulator.Pid) - serverBefore) * 1000;

        return new Result(requests, clientMs / requests, serverMs / requests, FileCpuMs(environment.WorkDirectory, 2000));
    }

    private static async Task SendAsync(HttpClient client, int requests, int[] workers)
    {
        var remaining = requests;
        await Task.WhenAll(workers.Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                using var response = await client.GetAsync("/_sim/health");
                response.EnsureSuccessStatusCode();
            }
        })));
    }

    private static double FileCpuMs(string directory, int files)
    {
        var target = Directory.CreateDirectory(Path.Combine(directory, "floor-files")).FullName;
        var payload = new byte[139];

        // This thread's own CPU: the process total would also count thread-pool threads winding down after the HTTP load.
        var before = ProcessStats.ThreadCpuSeconds();
        for (var i = 0; i < files; i++)
        {
            var temporary = Path.Combine(target, $".f{i}.part");
            using (var file = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
            {
                RandomAccess.Write(file, payload, 0);
            }

            File.Move(temporary, Path.Combine(target, $"f{i}.json"));
        }

        return (ProcessStats.ThreadCpuSeconds() - before) * 1000 / files;
    }
}
