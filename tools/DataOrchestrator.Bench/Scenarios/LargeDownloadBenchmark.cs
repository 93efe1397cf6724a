using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
using DataOrchestrator.Bench.Processes;
using DataOrchestrator.Testing.Processes;

namespace DataOrchestrator.Bench.Scenarios;

/// <summary>
/// One large payload through the service (download, SHA-256, file) next to <c>curl -o</c> of the same payload from the
/// same simulator into the same directory: curl is the limit. Also the service's peak RSS growth during the transfer.
/// </summary>
internal static class LargeDownloadBenchmark
{
    private const double MiB = 1024 * 1024;

    public sealed record Result(
        long Bytes, double ServiceMiBPerSecond, double CurlMiBPerSecond, double RatioToCurl, double PeakRssGrowthMiB,
        double ServiceCpuSecondsPerGiB, double SimulatorCpuSecondsPerGiB, double MachineBusyDuringService, double MachineBusyDuringCurl);

    public static async Task<Result> RunAsync(BenchEnvironment environment, long bytes, TimeSpan warmUpLimit)
    {
        await using var simulator = await environment.StartSimulatorAsync(0);
        await using var service = await environment.StartServiceAsync("download", new Dictionary<string, string>());
        var data = environment.DataDirectory("download");
        using var control = new HttpClient { BaseAddress = simulator.Address };
        (await control.PutAsJsonAsync("/_sim/agreements/big", new { payloadBytes = bytes })).EnsureSuccessStatusCode();

        using var client = new ServiceClient(service.Address, new Uri(simulator.Address, "/consumer/cp").ToString());

        // Both paths warmed on a smaller payload first, the service's until its JIT settled (the simulator's payload
        // writer and the service's copy loop and status reads are .NET code that runs slowly, and compiles on the same
        // two cores, until compiled for good); then they alternate, and each is its median of three.
        (await control.PutAsJsonAsync("/_sim/agreements/warm", new { payloadBytes = Math.Min(bytes, 64L << 20) })).EnsureSuccessStatusCode();
        var clock = Stopwatch.StartNew();
        for (var compiled = long.MaxValue; compiled > WarmUp.SettledMethods && clock.Elapsed < warmUpLimit;)
        {
            var before = await client.JitCompiledMethodsAsync();
            await CurlAsync(control, "warm", Path.Combine(data, "curl.bin"));
            await DownloadThroughServiceAsync(client, "warm", data);
            compiled = await client.JitCompiledMethodsAsync() - before;
        }

        await Task.Delay(500);
        var baseline = ProcessStats.RssBytes(service.Pid);
        ProcessStats.ResetPeak(service.Pid);

        var curlSeconds = new List<double>();
        var serviceSeconds = new List<double>();
        var curlMachine = new CpuWindow();
        var serviceMachine = new CpuWindow();
        var serviceCpu = 0.0;
        var simulatorCpu = 0.0;
        for (var run = 0; run < 3; run++)
        {
            curlMachine.Start();
            curlSeconds.Add(await CurlAsync(control, "big", Path.Combine(data, "curl.bin")));
            curlMachine.Stop();
            serviceMachine.Start();
            serviceCpu -= ProcessStats.CpuSeconds(service.Pid);
            simulatorCpu -= ProcessStats.CpuSeconds(simulator.Pid);
            serviceSeconds.Add(await DownloadThroughServiceAsync(client, "big", data));
            serviceCpu += ProcessStats.CpuSeconds(service.Pid);
            simulatorCpu += ProcessStats.CpuSeconds(simulator.Pid);
            serviceMachine.Stop();
        }

        var peak = ProcessStats.PeakRssBytes(service.Pid);
        var serviceRate = bytes / MiB / Median(serviceSeconds);
        var curlRate = bytes / MiB / Median(curlSeconds);
        var gib = 3 * bytes / (1024.0 * MiB);
        return new Result(
            bytes, serviceRate, curlRate, serviceRate / curlRate, (peak - baseline) / MiB,
            serviceCpu / gib, simulatorCpu / gib, serviceMachine.Busy, curlMachine.Busy);
    }

    /// <summary>The machine's CPU busy share over several start–stop windows (whole process runs, polling included).</summary>
    private sealed class CpuWindow
    {
        private (long Busy, long Total) _start;
        private long _busy;
        private long _total;

        public double Busy => _total == 0 ? 0 : _busy / (double)_total;

        public void Start() => _start = ProcessStats.MachineCpu();

        public void Stop()
        {
            var end = ProcessStats.MachineCpu();
            _busy += end.Busy - _start.Busy;
            _total += end.Total - _start.Total;
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>
    /// One item through the service; its time runs from the item's start to its file (the service's clock). The file is
    /// deleted afterwards, as curl's is: a kept file's dirty pages would be written back during the next runs.
    /// </summary>
    private static async Task<double> DownloadThroughServiceAsync(ServiceClient client, string contractId, string data)
    {
        var id = await client.SubmitAsync(client.Body(contractId, 1));
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        ItemTiming item;
        while ((item = (await client.AllItemsAsync()).Single(i => i.OrchestrationId == id)).FinishedAt is null)
        {
            await Task.Delay(DateTime.UtcNow < deadline ? 20 : throw new TimeoutException($"The download of {contractId} did not finish in 10 minutes."));
        }

        foreach (var file in Directory.EnumerateFiles(data).Where(f => !Path.GetFileName(f).StartsWith('.')))
        {
            File.Delete(file);
        }

        if (item.Status != "SAVED")
        {
            throw new InvalidOperationException($"The large download ended {item.Status}.");
        }

        return (item.FinishedAt!.Value - item.StartedAt!.Value).TotalSeconds;
    }

    /// <summary>Starts a transfer on the simulator directly, then lets curl fetch the payload with the EDR token.</summary>
    private static async Task<double> CurlAsync(HttpClient simulator, string contractId, string target)
    {
        const string Management = "/consumer/cp/api/management";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Management}/v3/transferprocesses")
        {
            Content = new StringContent(
                $$$"""{"@context":["https://w3id.org/edc/connector/management/v0.0.1"],"@type":"TransferRequest","counterPartyAddress":"http://provider/api/dsp","contractId":"{{{contractId}}}","protocol":"dataspace-protocol-http","transferType":"HttpData-PULL","dataDestination":{"@type":"DataAddress","type":"HttpProxy"}}""",
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Add("X-Api-Key", "password");
        using var started = await simulator.SendAsync(request);
        var transferId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("@id").GetString();
        using var edrRequest = new HttpRequestMessage(HttpMethod.Get, $"{Management}/v3/edrs/{transferId}/dataaddress");
        edrRequest.Headers.Add("X-Api-Key", "password");
        using var edrResponse = await simulator.SendAsync(edrRequest);
        var edr = JsonDocument.Parse(await edrResponse.Content.ReadAsStringAsync()).RootElement;

        var curl = new ProcessStartInfo("curl", ["-sS", "--fail", "-o", target, "-H", $"Authorization: {edr.GetProperty("authorization").GetString()}", edr.GetProperty("endpoint").GetString()!]);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(curl)!;
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        File.Delete(target);
        return process.ExitCode == 0 ? seconds : throw new InvalidOperationException($"curl failed with exit code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}.");
    }
}
