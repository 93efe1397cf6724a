using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Testing.Processes;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>API keys and EDR tokens never appear in logs, responses or saved files.</summary>
public sealed partial class SecretHygieneTests
{
    private const string ProcessClientKey = "client-secret-7c1d9e-never-logged";
    private const string ProcessEdcKey = "edc-secret-44b0aa-never-logged";
    private const string RejectedKey = "rejected-secret-93f2e1-never-logged";

    [Test]
    public async Task ShouldNeverWriteKeysOrEdrTokens_ToLogsOrResponses()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["LOG_LEVEL"] = "TRACE" });
        harness.Simulator.State.SetBehaviour("late", new() { EdrMissingCalls = 1 });
        harness.Simulator.State.SetBehaviour("refused", new() { DataPlaneStatus = 403 });
        var id = await harness.SubmitAsync(harness.ExampleRequest("ok", "late", "refused"));
        var entry = await harness.WaitForFinalAsync(id);
        using var list = await harness.Client.GetAsync("/status");
        var responses = entry.ToString() + await list.Content.ReadAsStringAsync();

        var tokens = harness.Simulator.State.Transfers.Select(t => t.EdrToken).ToArray();
        var logs = string.Join('\n', harness.Logs.Lines);
        Assert.Multiple(() =>
        {
            Assert.That(tokens, Has.Length.EqualTo(3));
            Assert.That(harness.Logs.Lines, Has.Count.GreaterThan(20), "the pipeline did log");
            Assert.That(logs, Does.Contain(id), "log lines carry the orchestration id");
            foreach (var secret in tokens.Append(ServiceHarness.EdcKey).Append(ServiceHarness.ClientKey))
            {
                Assert.That(logs, Does.Not.Contain(secret));
                Assert.That(responses, Does.Not.Contain(secret));
            }

            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("PARTIALLY_COMPLETED"));
        });
    }

    [Test]
    public async Task ShouldTagEveryPipelineLogLine_WithOrchestrationAndTransferIds()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var id = await harness.SubmitAsync(harness.ExampleRequest("a"));
        var entry = await harness.WaitForFinalAsync(id);
        var transferId = entry.GetProperty("items")[0].GetProperty("transfer_id").GetString()!;

        var pipelineLines = harness.Logs.Lines.Where(l => l.Contains("|DataOrchestrator.Application.Transfers.", StringComparison.Ordinal)).ToArray();
        Assert.That(pipelineLines, Is.Not.Empty);
        Assert.That(pipelineLines, Has.All.Contains($"OrchestrationId={id}"));
        Assert.That(pipelineLines.Where(l => !l.Contains("requested for contract", StringComparison.Ordinal)), Has.All.Contains($"TransferId={transferId}"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ShouldNeverWriteKeysOrEdrTokens_ToTheLogFilesOrResponses_OfARealProcess()
    {
        await using var simulator = await EdcSimulatorHost.StartAsync(new SimulatorOptions { ApiKey = ProcessEdcKey });
        simulator.State.SetBehaviour("late", new() { EdrMissingCalls = 1 });
        simulator.State.SetBehaviour("refused", new() { DataPlaneStatus = 403 });
        simulator.State.SetBehaviour("expired", new() { ExpiredTokens = 1 });
        var dataDirectory = Directory.CreateTempSubdirectory("do-secrets-data-").FullName;
        try
        {
            await using var service = await ApiProcess.StartAsync("secrets", new Dictionary<string, string>
            {
                ["API_KEYS"] = ProcessClientKey,
                ["EDC_API_KEY"] = ProcessEdcKey,
                ["DATA_STORAGE_PATH"] = dataDirectory,
                ["LOG_LEVEL"] = "TRACE",
                ["Edc__EdrAutoRefresh"] = "true",
                ["Edc__StatePollIntervalMs"] = "20",
                ["Edc__DataAddressRetryDelayMs"] = "20",
            }, ProcessClientKey);
            var responses = new StringBuilder();
            var body = new
            {
                data = new[] { "ok", "late", "refused", "expired" }.Select(c => new { counterPartyAddress = "http://provider/api/dsp", contractId = c }).ToArray(),
                connectorAddress = simulator.ConnectorAddress,
            };
            using (var posted = await service.Client.PostAsJsonAsync(new Uri("/orchestrate", UriKind.Relative), body))
            {
                responses.AppendLine(await posted.Content.ReadAsStringAsync());
            }

            var id = JsonDocument.Parse(responses.ToString()).RootElement.GetProperty("orchestration_id").GetString()!;
            var entry = await WaitForFinalAsync(service, id);
            responses.AppendLine(entry.ToString());
            foreach (var path in new[] { "/status", $"/status/{id}", "/metrics", "/health/ready" }
                .Concat(entry.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("status").GetString() == "SAVED")
                    .Select(i => $"/status/{id}/files/{i.GetProperty("transfer_id").GetString()}")))
            {
                using var response = await service.Client.GetAsync(new Uri(path, UriKind.Relative));
                responses.AppendLine(response.Headers.ToString()).AppendLine(await response.Content.ReadAsStringAsync());
            }

            using var rejected = new HttpRequestMessage(HttpMethod.Get, new Uri(service.Address, "/status"));
            rejected.Headers.Add("X-Api-Key", RejectedKey);
            using var rejectedResponse = await new HttpClient().SendAsync(rejected);
            responses.AppendLine(await rejectedResponse.Content.ReadAsStringAsync());

            var tokens = simulator.State.Transfers.Select(t => t.EdrToken).ToArray();
            var refreshed = simulator.State.Transfers.Sum(t => t.RefreshCount);
            Assert.That(await service.StopAsync(TimeSpan.FromSeconds(20)), Is.Zero, "SIGTERM flushes the log files");
            var logFiles = Directory.GetFiles(service.LogDirectory, "*", SearchOption.AllDirectories);
            var fileLogs = string.Join('\n', logFiles.Select(File.ReadAllText));
            var allLogs = fileLogs + '\n' + string.Join('\n', service.OutputLines);
            var statuses = entry.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("contract_id").GetString()!, i => i.GetProperty("status").GetString());
            Assert.Multiple(() =>
            {
                Assert.That(rejectedResponse.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
                Assert.That(tokens, Has.Length.EqualTo(4), "one transfer per item");
                Assert.That(refreshed, Is.GreaterThanOrEqualTo(1), "an EDR token was refreshed");
                Assert.That(statuses["refused"], Is.EqualTo("FAILED"), "the failure path ran");
                Assert.That(statuses["ok"], Is.EqualTo("SAVED"));
                Assert.That(statuses["expired"], Is.EqualTo("SAVED"));
                Assert.That(logFiles, Is.Not.Empty, "NLog wrote files under LOG_DIR");
                Assert.That(fileLogs, Does.Contain(id), "the log files hold the orchestration's lines");
                foreach (var secret in tokens.Append(ProcessClientKey).Append(ProcessEdcKey).Append(RejectedKey))
                {
                    Assert.That(allLogs, Does.Not.Contain(secret), "log files and console");
                    Assert.That(responses.ToString(), Does.Not.Contain(secret), "responses");
                }

                // Covers the expired (refreshed-away) tokens too, which the simulator no longer reports.
                Assert.That(Jwt().Matches(allLogs).Select(m => m.Value), Is.Empty, "no JWT-shaped value in the logs");
                Assert.That(Jwt().Matches(responses.ToString()).Select(m => m.Value), Is.Empty, "no JWT-shaped value in the responses");
            });
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [GeneratedRegex("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]+")]
    private static partial Regex Jwt();

    private static async Task<JsonElement> WaitForFinalAsync(ServiceProcess service, string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await service.Client.GetAsync(new Uri($"/status/{id}", UriKind.Relative));
            var entry = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
                .GetProperty("response").GetProperty("orchestration_processes").GetProperty(id).Clone();
            if (entry.GetProperty("process_status").GetString() is "COMPLETED" or "PARTIALLY_COMPLETED" or "FAILED")
            {
                return entry;
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"orchestration {id} did not finish: {entry}{Environment.NewLine}{service.Output()}");
            await Task.Delay(50);
        }
    }
}
