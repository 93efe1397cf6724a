using System.Text.Json;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.EdcSimulator.Faults;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Testing.Postgres;
using DataOrchestrator.Tests.Support.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DataOrchestrator.Tests.Functional;

/// <summary>The whole service with STORAGE_BACKEND=postgres: the same API and pipeline, orchestrations in the database.</summary>
public sealed class PostgresModeTests
{
    private static async Task<Dictionary<string, string?>> PostgresSettingsAsync()
    {
        var server = await PostgresCluster.SharedAsync();
        return new Dictionary<string, string?>
        {
            ["Persistence:Backend"] = "postgres",
            ["Persistence:ConnectionString"] = await server.CreateDatabaseAsync(),
            ["Persistence:PollIntervalMs"] = "20",
        };
    }

    [Test]
    public async Task ShouldRunOrchestrationsToTheEnd_AndPageThemNewestFirst_FromTheDatabase()
    {
        await using var harness = await ServiceHarness.StartAsync(await PostgresSettingsAsync());
        Assert.That(
            harness.Factory.Services.GetRequiredService<IOrchestrationRepository>().KeepsWorkAcrossRestarts,
            "the service really runs on PostgreSQL (the setting reaches service registration)");
        harness.Simulator.State.SetBehaviour("gone", new() { RejectTransfer = new() });
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await harness.SubmitAsync(harness.ExampleRequest($"a-{i}", $"b-{i}")));
        }

        var partial = await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest("ok", "gone")));
        var entries = new List<JsonElement>();
        foreach (var id in ids)
        {
            entries.Add(await harness.WaitForFinalAsync(id));
        }

        using var page = await harness.Client.GetAsync("/status?limit=2");
        var body = JsonDocument.Parse(await page.Content.ReadAsStringAsync()).RootElement.GetProperty("response");
        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => e.GetProperty("process_status").GetString()), Is.All.EqualTo("COMPLETED"));
            Assert.That(partial.GetProperty("process_status").GetString(), Is.EqualTo("PARTIALLY_COMPLETED"));
            Assert.That(entries.SelectMany(e => e.GetProperty("storage_paths").EnumerateArray()).Select(p => p.GetProperty("storage_path").GetString()), Has.All.Matches<string>(File.Exists));
            Assert.That(body.GetProperty("orchestration_processes").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { partial.GetProperty("orchestration_id").GetString(), ids[2] }));
            Assert.That(body.GetProperty("next_cursor").GetString(), Is.Not.Null);
        });
    }

    [Test]
    public async Task ShouldStopAnItemRunningOnAnotherInstance_WhenCancelledThroughThisOne()
    {
        var settings = await PostgresSettingsAsync();
        await using var worker = await ServiceHarness.StartAsync(settings);
        await using var other = await ServiceHarness.StartAsync(new Dictionary<string, string?>(settings) { ["Workers:Count"] = "1" });
        worker.Simulator.State.SetBehaviour("slow", new() { StartDelayMs = 60_000 });
        var id = await worker.SubmitAsync(worker.ExampleRequest("slow"));
        await worker.WaitUntilAsync(id, e => e.GetProperty("items")[0].GetProperty("status").GetString() == "TRANSFER_REQUESTED");

        using var cancel = await other.Client.PostAsync($"/orchestrate/{id}/cancel", null);
        var entry = await other.WaitForFinalAsync(id, TimeSpan.FromSeconds(5));

        Assert.Multiple(() =>
        {
            Assert.That((int)cancel.StatusCode, Is.EqualTo(202));
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("CANCELLED"));
            Assert.That(worker.Simulator.State.Transfers.Single().TerminationReason, Is.EqualTo(DataOrchestrator.Application.Transfers.Edc.TransferTerminator.CancelReason));
            Assert.That(other.Simulator.State.Transfers, Is.Empty);
        });
    }

    [Test]
    public async Task ShouldFinishAnItemWaitingForItsConnector_OnAnotherInstance_AfterTheFirstStopped()
    {
        var settings = await PostgresSettingsAsync();
        settings["Edc:TransientRetries"] = "0";
        settings["Edc:EdcUnavailableRetryDelayMs"] = "300";
        await using var connector = await EdcSimulatorHost.StartAsync(new SimulatorOptions { ApiKey = ServiceHarness.EdcKey });
        connector.State.Faults.Configure(new FaultSetting(1.0, Seed: 1, Kinds: [nameof(FaultKind.ServiceUnavailable)]));
        var request = new
        {
            data = new[] { new { type = "edc-asset", counterPartyAddress = "http://provider/api/dsp", contractId = "away", connectorId = "provider" } },
            connectorAddress = connector.ConnectorAddress,
        };

        string id;
        await using (var first = await ServiceHarness.StartAsync(settings))
        {
            id = await first.SubmitAsync(request);
            await first.WaitUntilAsync(id, e => e.GetProperty("items")[0].GetProperty("status").GetString() == "WAITING_FOR_CONNECTOR");

            // Every 300 ms the item is claimed again, tried and put back, so the row is sampled until it shows the wait.
            await using var database = NpgsqlDataSource.Create(settings["Persistence:ConnectionString"]!);
            await Eventually.UntilAsync(
                async () =>
                {
                    await using var lease = database.CreateCommand("SELECT lease_owner IS NULL AND lease_expires_at > now() FROM orchestration_items");
                    return (bool)(await lease.ExecuteScalarAsync())!;
                },
                TimeSpan.FromSeconds(30),
                "the waiting item holds no lease, only a time before which nobody claims it");
        }

        connector.State.Faults.Configure(new FaultSetting(0));
        await using var second = await ServiceHarness.StartAsync(settings);
        var entry = await second.WaitForFinalAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), entry.ToString());
            Assert.That(entry.GetProperty("items")[0].GetProperty("attempts").GetInt32(), Is.GreaterThan(1));
        });
    }
}
