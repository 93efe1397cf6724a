using DataOrchestrator.Testing.Postgres;
using DataOrchestrator.Testing.Processes;
using DataOrchestrator.Tests.Support.Durability;

namespace DataOrchestrator.Tests.Durability;

/// <summary>Two service processes on one database and one data directory, sharing the work.</summary>
[NonParallelizable]
public sealed class ScaleOutTests
{
    private const int Orchestrations = 200;
    private const int Workers = 8;

    [Test]
    [CancelAfter(90_000)]
    public async Task ShouldSaveEveryItemExactlyOnce_WithBothInstancesWorking_AndEitherAnsweringForAny()
    {
        var server = await PostgresCluster.SharedAsync();
        await using var deployment = await PostgresDeployment.StartAsync(await server.CreateDatabaseAsync());
        ServiceProcess[] instances = [await deployment.StartInstanceAsync("a", Workers, 5), await deployment.StartInstanceAsync("b", Workers, 5)];
        var started = DateTime.UtcNow;
        var ids = new List<string>();
        for (var o = 0; o < Orchestrations; o++)
        {
            var contract = $"scale-{o:D3}";
            deployment.SpreadLatency([contract]);
            ids.Add(await deployment.SubmitAsync(instances[o % 2], contract));
        }

        await deployment.WaitForRowsAsync(rows => rows.All(r => r.Finished), TimeSpan.FromSeconds(60), "every item is finished");
        var elapsed = DateTime.UtcNow - started;
        var fromA = await PostgresDeployment.ReportAsync(instances[0], ids);
        var fromB = await PostgresDeployment.ReportAsync(instances[1], ids);
        var exitCodes = new[] { await instances[0].StopAsync(TimeSpan.FromSeconds(20)), await instances[1].StopAsync(TimeSpan.FromSeconds(20)) };

        // Read after the stop: NLog writes asynchronously and flushes at shutdown.
        var savedByA = SavedLines.TransferIds(instances[0]);
        var savedByB = SavedLines.TransferIds(instances[1]);
        var downloads = deployment.Simulator.State.Calls
            .Where(c => c.Method == "GET" && c.Path.StartsWith("/api/public", StringComparison.Ordinal) && c.TransferId is not null)
            .GroupBy(c => c.TransferId!)
            .ToDictionary(g => g.Key, g => g.Count());
        await TestContext.Out.WriteLineAsync(
            $"{Orchestrations} items in {elapsed.TotalSeconds:0.0} s; instance a saved {savedByA.Count}, instance b saved {savedByB.Count}.");
        Assert.Multiple(() =>
        {
            Assert.That(fromA.Where(i => i.Status != "SAVED").Select(i => $"{i.ContractId}: {i.Status} {i.Error}"), Is.Empty, "items not SAVED");
            Assert.That(fromB, Is.EqualTo(fromA), "both instances report the same state for every orchestration");
            Assert.That(TransferAudit.ExactlyOnePerItem(deployment.Simulator.State.Transfers, fromA), Is.Empty, "transfer processes per item");
            Assert.That(fromA.Select(i => downloads.GetValueOrDefault(i.TransferId!)), Is.All.EqualTo(1), "data plane downloads per transfer");
            Assert.That(savedByA.Intersect(savedByB), Is.Empty, "transfers saved by both instances");
            Assert.That(savedByA.Concat(savedByB), Is.EquivalentTo(fromA.Select(i => i.TransferId)), "each item's transfer saved once, by one instance");
            Assert.That(savedByA, Has.Count.GreaterThanOrEqualTo(Orchestrations / 10), "instance a took a share of the work");
            Assert.That(savedByB, Has.Count.GreaterThanOrEqualTo(Orchestrations / 10), "instance b took a share of the work");
            Assert.That(DataDirectoryAudit.FindProblems(deployment.DataDirectory, fromA), Is.Empty, "data directory");
            Assert.That(exitCodes, Is.All.Zero, $"exit codes after SIGTERM{Environment.NewLine}{deployment.OutputOfAll()}");
        });
    }
}
