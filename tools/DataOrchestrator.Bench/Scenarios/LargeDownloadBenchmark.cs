using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataOrchestrator.Bench.Processes;

namespace DataOrchestrator.Bench.Scenarios;

/// <summary>
/// One large payload through the service (download, SHA-256, file) next to <c>curl -o</c> of the same payload from the
/// same simulator into the same directory: curl is the limit. Also the service's peak RSS growth during the transfer.
/// </summary>
internal static class LargeDownloadBenchmark
{
    private const double MiB = 1024 * 1024;

    public sealed record Result(long Bytes, double ServiceMiBPerSecond, double CurlMiBPerSecond, double RatioToCurl, double PeakRssGrowthMiB);

    public static async Task<Result> RunAsync(BenchEnvironment environment, long bytes)
    {
        await using var simulator = await environment.StartSimulatorAsync(0);
        await using var service = await environment.StartServiceAsync("download", new Dictionary<string, string>());
        var data = environment.DataDirectory("download");
        using var control = new HttpClient { BaseAddress = simulator.Address };
        (await control.PutAsJsonAsync("/_sim/agreements/big", new { payloadBytes = bytes })).EnsureSuccessStatusCode();

        var curlSeconds = await CurlAsync(control, Path.Combine(data, "curl.bin"));

        using var client = new ServiceClient(service.Address, new Uri(simulator.Address, "/consumer/cp").ToString());
        await client.SubmitAsync(client.Body("warm-up", 1));
        await ServiceClient.WaitForFilesAsync(data, 1, TimeSpan.FromMinutes(1));
        await Task.Delay(500);
        var baseline = ProcessStats.RssBytes(service.Pid);
        ProcessStats.ResetPeak(service.Pid);

        var id = await client.SubmitAsync(client.Body("big", 1));
        await ServiceClient.WaitForFilesAsync(data, 2, TimeSpan.FromMinutes(10));
        var peak = ProcessStats.PeakRssBytes(service.Pid);
        var item = (await client.AllItemsAsync()).Single(i => i.OrchestrationId == id);
        if (item.Status != "SAVED")
        {
            throw new InvalidOperationException($"The large download ended {item.Status}.");
        }

        var serviceSeconds = (item.FinishedAt!.Value - item.StartedAt!.Value).TotalSeconds;
        var serviceRate = bytes / MiB / serviceSeconds;
        var curlRate = bytes / MiB / curlSeconds;
        return new Result(bytes, serviceRate, curlRate, serviceRate / curlRate, (peak - baseline) / MiB);
    }

    /// <summary>Starts a transfer on the simulator directly, then lets curl fetch the payload with the EDR token.</summary>
    private static async Task<double> CurlAsync(HttpClient simulator, string target)
    {
        const string Management = "/consumer/cp/api/management";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Management}/v3/transferprocesses")
        {
            Content = new StringContent(
                """{"@context":["https://w3id.org/edc/connector/management/v0.0.1"],"@type":"TransferRequest","counterPartyAddress":"http://provider/api/dsp","contractId":"big","protocol":"dataspace-protocol-http","transferType":"HttpData-PULL","dataDestination":{"@type":"DataAddress","type":"HttpProxy"}}""",
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
