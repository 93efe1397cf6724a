using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.EdcSimulator.Signaling;
using DataOrchestrator.Testing.Postgres;
using DataOrchestrator.Testing.Processes;
using DataOrchestrator.Tests.Support.Durability;
using DataOrchestrator.Tests.Support.Hosting;
using Npgsql;

namespace DataOrchestrator.Tests.Durability;

/// <summary>
/// EDC_DATA_FLOW=dps on PostgreSQL, kill -9 between <c>started</c> and the end of the download: the control plane
/// signals each flow once, so the process that comes up next can only finish the item with the DataAddress the killed
/// one stored. It must, on the same transfer, into one file.
/// </summary>
[NonParallelizable]
public sealed class DpsCrashRecoveryTests
{
    private const double LeaseSeconds = 2;
    private const string Contract = "dps-crash";

    [TestCase(DpsShapes.V018)]
    [TestCase(DpsShapes.Main)]
    [CancelAfter(120_000)]
    public async Task ShouldResumeWithTheStoredAddress_OnOneTransferIntoOneFile_WhenKilledMidDownload(string shape, CancellationToken cancellationToken)
    {
        var server = await PostgresCluster.SharedAsync();
        await using var deployment = await PostgresDeployment.StartAsync(await server.CreateDatabaseAsync(), shape);
        var simulator = deployment.Simulator;
        var form = new DpsBehaviour { DataAddressForm = DataAddressForms.Spec };
        simulator.State.SetBehaviour(Contract, new() { StallAfterBytes = 16, StalledDownloads = 1, Dps = form });
        var first = await deployment.StartInstanceAsync("first", workers: 2, LeaseSeconds, DpsSettings(simulator, shape));
        var id = await deployment.SubmitAsync(first, Contract);

        var rows = await deployment.WaitForRowsAsync(r => r.Single().TransferId is not null, TimeSpan.FromSeconds(30), "the transfer is recorded");
        var transferId = rows.Single().TransferId!;
        await Eventually.UntilAsync(
            async () => await StoredFlowAsync(deployment.ConnectionString, transferId) == ("STARTED", true)
                && Directory.EnumerateFiles(deployment.DataDirectory, "*", new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = true }).Any(),
            TimeSpan.FromSeconds(30),
            "started (with its address) is stored and the download has begun");
        await first.KillAsync();

        // The provider stalled only that first download; the flow's address (and token) stay as the control plane sent them.
        var second = await deployment.StartInstanceAsync("second", workers: 2, LeaseSeconds, DpsSettings(simulator, shape));
        await deployment.WaitForRowsAsync(r => r.Single().Finished, TimeSpan.FromSeconds(45), "the item is finished after the restart");
        var items = await PostgresDeployment.ReportAsync(second, [id]);
        await Eventually.UntilAsync(() => simulator.State.Dps.FindFlow(transferId)?.State == "COMPLETED", TimeSpan.FromSeconds(30), "the transfer completed on the control plane");

        var item = items.Single();
        var transfers = simulator.State.Transfers.Where(t => t.ContractId == Contract).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(item.Status, Is.EqualTo("SAVED"), $"{item.Error}{Environment.NewLine}{deployment.OutputOfAll()}");
            Assert.That(item.Attempts, Is.GreaterThan(1), "the item was resumed, not finished before the kill");
            Assert.That(transfers.Select(t => t.Id), Is.EqualTo(new[] { transferId }), "exactly one transfer");
            Assert.That(item.TransferId, Is.EqualTo(transferId));
            Assert.That(simulator.State.Dps.Messages.Count(m => m.Kind == DpsMessageKinds.Started && m.TransferId == transferId), Is.EqualTo(1), "started was signalled once");
            Assert.That(DataDirectoryAudit.FindProblems(deployment.DataDirectory, items), Is.Empty, "one file, the whole payload, nothing else");
            Assert.That(simulator.State.Dps.FindFlow(transferId)!.State, Is.EqualTo("COMPLETED"));
        });
        await Task.CompletedTask.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// In the 0.18.0 shape no signaling URL is configured, so the completed callback of the second process can only
    /// reach the control plane through the callbackAddress that the first one stored with the flow.
    /// </summary>
    private static Dictionary<string, string> DpsSettings(EdcSimulatorInstance simulator, string shape)
    {
        var settings = new Dictionary<string, string>
        {
            ["EDC_DATA_FLOW"] = "dps",
            ["DATAPLANE_PUBLIC_URL"] = ServiceProcessOptions.AddressPlaceholder,
            ["DATAPLANE_ALLOW_HTTP_ENDPOINTS"] = "true",
            ["DATAPLANE_ALLOW_UNAUTHENTICATED"] = "true",
        };
        if (shape == DpsShapes.Main)
        {
            settings["EDC_SIGNALING_URL"] = $"{simulator.BaseAddress.GetLeftPart(UriPartial.Authority)}/api/signaling";
        }

        return settings;
    }

    private static async Task<(string? State, bool HasAddress)> StoredFlowAsync(string connectionString, string transferId)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT state, data_address IS NOT NULL FROM data_flows WHERE process_id = @id", connection);
        command.Parameters.AddWithValue("id", transferId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetBoolean(1)) : (null, false);
    }
}
