using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.Testing.Postgres;
using DataOrchestrator.Testing.Processes;
using DataOrchestrator.Tests.Support.Durability;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Durability;

/// <summary>
/// SIGTERM to the real process while downloads hang mid-body and more work waits in the queue: in memory mode the
/// interrupted items are recorded before exit; in PostgreSQL mode they are left for the next process, which finishes
/// them (<see cref="CrashRecoveryTests"/> covers the same after kill -9).
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

            await using var service = await ApiProcess.StartAsync("shutdown", Environment(simulator, dataDirectory, "memory"), ClientKey);
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

    [Test]
    [CancelAfter(90_000)]
    public async Task ShouldLeaveInterruptedItemsResumable_AndARestartFinishesThem_WhenPostgresModeIsTerminatedMidWork()
    {
        var server = await PostgresCluster.SharedAsync();
        await using var deployment = await PostgresDeployment.StartAsync(await server.CreateDatabaseAsync());
        // Not a stalled download here: the simulator keeps a transfer's behaviour, so a resumed item would stall again.
        // Transfers held REQUESTED by a gate are still waiting when SIGTERM comes; the gate opens before the restart.
        var gate = new StartGate();
        foreach (var contract in Stalled)
        {
            deployment.Simulator.State.SetBehaviour(contract, new AgreementBehaviour { StartGate = gate });
        }

        var first = await deployment.StartInstanceAsync("first", workers: 3, leaseSeconds: 2);
        var ids = new[] { await deployment.SubmitAsync(first, ["done", .. Stalled]), await deployment.SubmitAsync(first, "queued-0", "queued-1") };
        await deployment.WaitForRowsAsync(
            // Running: their transfer requested (a status written at once), now held by the gate. Leases alone would not
            // tell, as an instance also holds the items it claimed ahead of its workers.
            rows => rows.Any(r => r.ContractId == "done" && r.Status == "SAVED")
                && rows.Count(r => Stalled.Contains(r.ContractId) && r.IsLeased && r.Status == "TRANSFER_REQUESTED") == Stalled.Length,
            TimeSpan.FromSeconds(30),
            "the first item is saved and the three slow items are running");

        var clock = Stopwatch.StartNew();
        var firstExit = await first.StopAsync(TimeSpan.FromSeconds(1) + Margin);
        var stoppedAfter = clock.Elapsed;
        var afterStop = await deployment.ReadRowsAsync();
        var partsAfterStop = PartFiles(deployment.DataDirectory);

        gate.Open();
        var second = await deployment.StartInstanceAsync("second", workers: 3, leaseSeconds: 2);
        await deployment.WaitForRowsAsync(rows => rows.All(r => r.Finished), TimeSpan.FromSeconds(45), "every item is finished after the restart");
        var items = await PostgresDeployment.ReportAsync(second, ids);
        var secondExit = await second.StopAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(firstExit, Is.Zero, first.Output());
            Assert.That(stoppedAfter, Is.LessThan(TimeSpan.FromSeconds(1) + Margin));
            Assert.That(
                afterStop.Where(r => r.ContractId != "done").Select(r => $"{r.ContractId}: {r.Status} finished={r.Finished}"),
                Has.All.Contains("finished=False"),
                "interrupted and queued items are left to resume, not failed");
            Assert.That(partsAfterStop, Is.Empty, "no partial file left by the stopped process");
            Assert.That(items.Select(i => $"{i.ContractId}: {i.Status}"), Has.All.EndsWith(": SAVED"), deployment.OutputOfAll());
            Assert.That(items, Has.Count.EqualTo(6));
            Assert.That(items.Where(i => Stalled.Contains(i.ContractId)).Select(i => i.Attempts), Has.All.GreaterThan(1), "the stalled items were resumed");
            Assert.That(DataDirectoryAudit.FindProblems(deployment.DataDirectory, items), Is.Empty, "data directory");
            Assert.That(secondExit, Is.Zero, second.Output());
        });
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
