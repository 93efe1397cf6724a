using System.Text.Json;
using System.Text.Json.Nodes;
using DataOrchestrator.Infrastructure.Persistence.Postgres;
using DataOrchestrator.Testing.Postgres;
using DataOrchestrator.Tests.Support.Dps;
using DataOrchestrator.Tests.Support.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DataOrchestrator.Tests.Functional.Dps;

/// <summary>
/// The DPS flow with PostgreSQL: the notifications land in the database (migration 7), where the worker finds them.
/// In the tests across instances, A runs the item and B, started only once A holds it, receives every notification.
/// </summary>
public sealed class PostgresDataPlaneSignalingTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    [Test]
    public async Task ShouldSaveTheItem_WithTheFlowKeptInTheDatabase_AndItsAddressDroppedOnceItEnds()
    {
        var connectionString = await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync();
        await using var harness = await DpsHarness.StartAsync(_ => new Dictionary<string, string?>
        {
            ["Persistence:Backend"] = "postgres",
            ["Persistence:ConnectionString"] = connectionString,
        });

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync());
        var transferId = entry.GetProperty("items")[0].GetProperty("transfer_id").GetString()!;
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand("SELECT state, claimed, data_address, callback_address FROM data_flows WHERE process_id = @id");
        command.Parameters.AddWithValue("id", transferId);
        string? state = null;
        // The flow completes once the completed callback is answered, a moment after the item is SAVED.
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (state != "COMPLETED" && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await using var reader = await command.ExecuteReaderAsync();
            state = await reader.ReadAsync() ? reader.GetString(0) : null;
            if (state == "COMPLETED")
            {
                Assert.Multiple(() =>
                {
                    Assert.That(reader.GetBoolean(1), Is.True);
                    Assert.That(reader.IsDBNull(2), Is.True, "the token is not kept once the flow ended");
                    Assert.That(reader.GetString(3), Does.EndWith(FakeDpsControlPlane.SignalingPath));
                });
            }
            else
            {
                await Task.Delay(25);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), entry.ToString());
            Assert.That(state, Is.EqualTo("COMPLETED"));
        });
    }

    [Test]
    public async Task ShouldAnswerTheStatusOfAFlowSignalledThroughAnotherInstance()
    {
        var connectionString = await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync();
        Func<FakeDpsControlPlane, IDictionary<string, string?>> settings = _ => new Dictionary<string, string?>
        {
            ["Persistence:Backend"] = "postgres",
            ["Persistence:ConnectionString"] = connectionString,
        };
        await using var first = await DpsHarness.StartAsync(settings);
        await using var second = await DpsHarness.StartAsync(settings);

        using var prepared = await first.Signaling.PostAsync(
            "/signaling/dataflows/prepare", new StringContent(Support.Requests.BadSignalingCatalog.Prepare("tp-shared"), System.Text.Encoding.UTF8, "application/json"));
        using var status = await second.Signaling.GetAsync("/signaling/dataflows/tp-shared/status");

        Assert.That(JsonNode.Parse(await status.Content.ReadAsStringAsync())!["state"]!.GetValue<string>(), Is.EqualTo("PREPARED"));
    }

    [Test]
    public async Task ShouldSaveTheItemOnTheInstanceRunningIt_WhenStartedArrivesAtAnotherInstance()
    {
        var connectionString = await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync();
        await using var runner = await DpsHarness.StartAsync(Shared(connectionString));
        var signaling = HoldSignaling(runner);
        var orchestrationId = await runner.SubmitAsync();
        await using var other = await StartOtherInstanceOnceRequestedAsync(runner, connectionString);

        signaling.TrySetResult();
        var entry = await other.Service.WaitForFinalAsync(orchestrationId, Generous);
        var transferId = runner.ControlPlane.TransferRequests.Single()["@id"]!.GetValue<string>();
        await Eventually.UntilAsync(
            () => runner.ControlPlane.Callbacks.Any(c => c.Path.EndsWith($"/transfers/{transferId}/dataflow/completed", StringComparison.Ordinal)),
            Generous,
            "the completed callback");

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("items")[0].GetProperty("status").GetString(), Is.EqualTo("SAVED"), entry.ToString());
            Assert.That(runner.ControlPlane.Transfers, Has.Count.EqualTo(1), "one transfer");
            Assert.That(runner.ControlPlane.SentToDataPlane.Where(s => s.Path.EndsWith("/started", StringComparison.Ordinal)).Select(s => s.Status), Is.EqualTo(new[] { 200 }));
            Assert.That(Received(other, $"{transferId}/started"), Is.True, "started went to B");
            Assert.That(Received(runner, $"{transferId}/started"), Is.False, "not to A");
            Assert.That(File.ReadAllBytes(runner.Service.FilesOnDisk().Single()), Is.EqualTo(runner.ControlPlane.Payload), "one file, on the instance that ran the item");
            Assert.That(other.Service.FilesOnDisk(), Is.Empty);
            Assert.That(runner.ControlPlane.Transfer(transferId).State, Is.EqualTo("COMPLETED"));
        });
    }

    [Test]
    public async Task ShouldFailWithProviderTerminatedAndLeaveNoFile_WhenTerminateArrivesAtAnotherInstanceMidDownload()
    {
        var connectionString = await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync();
        await using var runner = await DpsHarness.StartAsync(Shared(connectionString));
        var signaling = HoldSignaling(runner);
        var submitted = runner.SubmitWithDownloadHeldHalfwayAsync();
        await using var other = await StartOtherInstanceOnceRequestedAsync(runner, connectionString);
        signaling.TrySetResult();
        var held = await submitted;
        Assert.That(await LeaseOwnerAsync(connectionString), Is.EqualTo(InstanceId(runner)), "the download runs on A");

        using var terminated = await runner.ControlPlane.SignalAsync(
            held.TransferId, "terminate", new JsonObject { ["messageId"] = "m-1", ["reason"] = "provider revoked access" });
        var entry = await other.Service.WaitForFinalAsync(held.OrchestrationId, Generous);
        await Eventually.UntilAsync(() => runner.Service.FilesOnDisk().Length == 0, Generous, "the partial file is removed");

        Assert.Multiple(() =>
        {
            Assert.That((int)terminated.StatusCode, Is.EqualTo(200));
            Assert.That(Received(other, $"{held.TransferId}/terminate") && !Received(runner, $"{held.TransferId}/terminate"), Is.True, "terminate went to B, not A");
            Assert.That(ErrorCode(entry), Is.EqualTo("PROVIDER_TERMINATED"), entry.ToString());
            Assert.That(entry.GetProperty("items")[0].GetProperty("error").GetProperty("message").GetString(), Does.Contain("provider revoked access"));
            Assert.That(other.Service.FilesOnDisk(), Is.Empty);
        });
    }

    [Test]
    public async Task ShouldCancelAndTerminateTheTransfer_WhenCancelledThroughAnotherInstanceMidDownload()
    {
        var connectionString = await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync();
        await using var runner = await DpsHarness.StartAsync(Shared(connectionString));
        var signaling = HoldSignaling(runner);
        var submitted = runner.SubmitWithDownloadHeldHalfwayAsync();
        await using var other = await StartOtherInstanceOnceRequestedAsync(runner, connectionString);
        signaling.TrySetResult();
        var held = await submitted;
        Assert.That(await LeaseOwnerAsync(connectionString), Is.EqualTo(InstanceId(runner)), "the download runs on A");

        using var cancel = await other.Service.Client.PostAsync(new Uri($"/orchestrate/{held.OrchestrationId}/cancel", UriKind.Relative), null);
        var entry = await other.Service.WaitForFinalAsync(held.OrchestrationId, Generous);
        await Eventually.UntilAsync(() => runner.ControlPlane.Terminated.Contains(held.TransferId), Generous, "the transfer is terminated");
        await Eventually.UntilAsync(() => runner.Service.FilesOnDisk().Length == 0, Generous, "the partial file is removed");

        Assert.Multiple(() =>
        {
            Assert.That((int)cancel.StatusCode, Is.EqualTo(202));
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("CANCELLED"), entry.ToString());
            Assert.That(other.Service.FilesOnDisk(), Is.Empty);
        });
    }

    private static Func<FakeDpsControlPlane, IDictionary<string, string?>> Shared(string connectionString) => _ => new Dictionary<string, string?>
    {
        ["Persistence:Backend"] = "postgres",
        ["Persistence:ConnectionString"] = connectionString,
        // The item waits for started while the other instance starts, which can take long on a busy machine.
        ["Edc:StartTimeoutSeconds"] = "120",
    };

    private static TaskCompletionSource HoldSignaling(DpsHarness harness)
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.ControlPlane.HoldSignaling = hold;
        return hold;
    }

    /// <summary>
    /// Starts B once A's worker has claimed the item and requested its transfer (the control plane holds the signals),
    /// and points A's control plane at B. Workers:Count cannot be 0, so B is kept from the item by starting after A's
    /// claim, which A's lease heartbeat keeps.
    /// </summary>
    private static async Task<DpsHarness> StartOtherInstanceOnceRequestedAsync(DpsHarness runner, string connectionString)
    {
        await Eventually.UntilAsync(() => !runner.ControlPlane.TransferRequests.IsEmpty, Generous, "the item's transfer is requested");
        Assert.That(await LeaseOwnerAsync(connectionString), Is.EqualTo(InstanceId(runner)), "A claimed the item");
        var other = await DpsHarness.StartAsync(Shared(connectionString));
        runner.ControlPlane.Connect(other.Signaling);
        return other;
    }

    /// <summary>Whether the instance logged a request to this signaling path (ASP.NET Core's "Request starting" line).</summary>
    private static bool Received(DpsHarness harness, string signal) =>
        harness.Service.Logs.Lines.Any(l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains($"/signaling/dataflows/{signal}", StringComparison.Ordinal));

    private static string InstanceId(DpsHarness harness) => harness.Service.Factory.Services.GetRequiredService<PostgresInstance>().Id;

    /// <summary>Which instance holds the database's only item.</summary>
    private static async Task<string?> LeaseOwnerAsync(string connectionString)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand("SELECT lease_owner FROM orchestration_items");
        return await command.ExecuteScalarAsync() as string;
    }

    private static string? ErrorCode(JsonElement entry) =>
        entry.GetProperty("items")[0].GetProperty("error") is { ValueKind: JsonValueKind.Object } error ? error.GetProperty("code").GetString() : null;
}
