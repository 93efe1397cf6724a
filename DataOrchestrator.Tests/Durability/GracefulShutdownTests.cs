using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Scenarios;

namespace DataOrchestrator.Tests.Durability;

/// <summary>
/// SIGTERM to the real process (in-memory mode) while downloads hang mid-body and more work waits in the queue. The
/// PostgreSQL-mode counterpart, where interrupted items are resumed by the next process, is
/// <see cref="CrashRecoveryTests"/> (kill -9 mid-work, then a new process finishes every item).
/// </summary>
[NonParallelizable]
public sealed class GracefulShutdownTests
{
    private const string ClientKey = "shutdown-client-key";
    private const string EdcKey = "shutdown-edc-key";
    private const int GraceSeconds = 2;
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);
    private static readonly EnumerationOptions Everything = new() { AttributesToSkip = 0, RecurseSubdirectories = true };
    private static readonly string[] Stalled = ["stall-a", "stall-b", "stall-c"];

    [Test]
    [CancelAfter(60_000)]
    public async Task ShouldExitZeroWithinTheGracePeriod_AndLeaveNoPartialOrUnrecordedFiles_WhenTerminatedMidDownload()
    {
        await using var simulator = await EdcSimulatorHost.StartAsync(new SimulatorOptions { ApiKey = EdcKey });
        var dataDirectory = Directory.CreateTempSubdirectory("do-shutdown-data-").FullName;
        try
        {
            foreach (var contract in Stalled)
            {
                simulator.State.SetBehaviour(contract, new AgreementBehaviour { PayloadBytes = 1_000_000, StallAfterBytes = 64 * 1024 });
            }

            await using var service = await ServiceProcess.StartAsync("shutdown", Environment(simulator, dataDirectory, "memory"), ClientKey);
            var running = await SubmitAsync(service, simulator, ["done", .. Stalled]);
            var queued = await SubmitAsync(service, simulator, ["queued-0", "queued-1"]);
            var saved = await WaitAsync(service, running, entry => Items(entry).Any(i => i.ContractId == "done" && i.Status == "SAVED"));
            await WaitForAsync(() => PartFiles(dataDirectory).Length == Stalled.Length, $"{Stalled.Length} downloads in flight", service);

            var clock = Stopwatch.StartNew();
            var exitCode = await service.StopAsync(TimeSpan.FromSeconds(GraceSeconds) + Margin);
            var stoppedAfter = clock.Elapsed;

            var savedPath = Path.GetFullPath(Items(saved).Single(i => i.ContractId == "done").StoragePath!);
            var files = Directory.GetFiles(dataDirectory, "*", Everything).Select(Path.GetFullPath).ToArray();
            var output = string.Join('\n', service.OutputLines);
            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.Zero, service.Output());
                Assert.That(stoppedAfter, Is.LessThan(TimeSpan.FromSeconds(GraceSeconds) + Margin));
                Assert.That(stoppedAfter, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(GraceSeconds) - TimeSpan.FromMilliseconds(200)), "in-flight items were given the grace period");
                Assert.That(files, Is.EqualTo(new[] { savedPath }), "only the file recorded as SAVED remains: no *.part, nothing unrecorded");
                Assert.That(output, Does.Contain("3 items still running after"), service.Output());
                Assert.That(
                    service.OutputLines.Count(l => l.Contains("Item cancelled by shutdown while trying to download the data", StringComparison.Ordinal)),
                    Is.EqualTo(Stalled.Length),
                    "each interrupted item was recorded (FAILED, code CANCELLED) before the process exited");
                Assert.That(simulator.State.Calls.Where(c => c.ContractId is "queued-0" or "queued-1"), Is.Empty, "queued items were not started during shutdown");
                Assert.That(queued, Is.Not.Empty);
            });
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    internal static Dictionary<string, string> Environment(EdcSimulatorInstance simulator, string dataDirectory, string backend) => new()
    {
        ["STORAGE_BACKEND"] = backend,
        ["API_KEYS"] = ClientKey,
        ["EDC_API_KEY"] = EdcKey,
        ["DATA_STORAGE_PATH"] = dataDirectory,
        ["WORKER_COUNT"] = "3",
        ["SHUTDOWN_TIMEOUT"] = GraceSeconds.ToString(CultureInfo.InvariantCulture),
        ["LOG_LEVEL"] = "INFO",
        ["Edc__StatePollIntervalMs"] = "20",
        ["Edc__StatePollMaxIntervalMs"] = "100",
        ["Edc__DataAddressRetryDelayMs"] = "20",
        ["Edc__DownloadIdleTimeoutSeconds"] = "60",
    };

    private static async Task<string> SubmitAsync(ServiceProcess service, EdcSimulatorInstance simulator, string[] contracts)
    {
        var body = new
        {
            data = contracts.Select(c => new { counterPartyAddress = "http://provider/api/dsp", contractId = c }).ToArray(),
            connectorAddress = simulator.ConnectorAddress,
        };
        using var response = await service.Client.PostAsJsonAsync(new Uri("/orchestrate", UriKind.Relative), body);
        var json = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), json);
        return JsonDocument.Parse(json).RootElement.GetProperty("orchestration_id").GetString()!;
    }

    private static async Task<JsonElement> WaitAsync(ServiceProcess service, string id, Func<JsonElement, bool> condition)
    {
        JsonElement entry = default;
        await WaitForAsync(
            async () =>
            {
                using var response = await service.Client.GetAsync(new Uri($"/status/{id}", UriKind.Relative));
                entry = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("response")
                    .GetProperty("orchestration_processes").GetProperty(id).Clone();
                return condition(entry);
            },
            $"orchestration {id} reaches the expected state",
            service);
        return entry;
    }

    private static IEnumerable<ReportedItem> Items(JsonElement entry) =>
        entry.GetProperty("items").EnumerateArray().Select(i => ReportedItem.From(entry.GetProperty("orchestration_id").GetString()!, i));

    private static string[] PartFiles(string dataDirectory) => Directory.GetFiles(dataDirectory, "*.part", Everything);

    private static Task WaitForAsync(Func<bool> condition, string what, ServiceProcess service) =>
        WaitForAsync(() => Task.FromResult(condition()), what, service);

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, ServiceProcess service)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.{System.Environment.NewLine}{service.Output()}");
            }

            await Task.Delay(50);
        }
    }
}
