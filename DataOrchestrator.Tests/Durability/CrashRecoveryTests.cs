using System.Diagnostics;
using DataOrchestrator.Testing.Postgres;
using DataOrchestrator.Tests.Support.Durability;

namespace DataOrchestrator.Tests.Durability;

/// <summary>kill -9 of the only instance in the middle of work, then a new process on the same database and data directory.</summary>
[NonParallelizable]
public sealed class CrashRecoveryTests
{
    private const int Orchestrations = 100;
    private const int ItemsEach = 2;
    private const int Workers = 16;
    private const double LeaseSeconds = 2;

    [Test]
    [CancelAfter(90_000)]
    public async Task ShouldFinishEveryItemOnce_WithOneTransferAndOneFileEach_WhenTheProcessIsKilledMidWork()
    {
        var server = await PostgresCluster.SharedAsync();
        await using var deployment = await PostgresDeployment.StartAsync(await server.CreateDatabaseAsync());
        var first = await deployment.StartInstanceAsync("first", Workers, LeaseSeconds);
        var clock = Stopwatch.StartNew();
        var ids = new List<string>();
        for (var o = 0; o < Orchestrations; o++)
        {
            var contracts = Enumerable.Range(0, ItemsEach).Select(i => $"crash-{o:D3}-{i}").ToArray();
            deployment.SpreadLatency(contracts);
            ids.Add(await deployment.SubmitAsync(first, contracts));
        }

        await deployment.WaitForRowsAsync(
            rows => rows.Count(r => r.Status == "SAVED") >= 30 && rows.Count(r => r.IsLeased) >= Workers / 2,
            TimeSpan.FromSeconds(30),
            $"30 items are SAVED and {Workers / 2} are running");
        await first.KillAsync();
        var killedAfter = clock.Elapsed;
        var atCrash = await deployment.ReadRowsAsync();
        var inFlight = atCrash.Count(r => r.IsLeased);
        var crashedBefore = DateTimeOffset.UtcNow;

        var second = await deployment.StartInstanceAsync("second", Workers, LeaseSeconds);
        var restart = Stopwatch.StartNew();
        await deployment.WaitForRowsAsync(rows => rows.All(r => r.Finished), TimeSpan.FromSeconds(45), "every item is finished after the restart");
        var recovery = restart.Elapsed;
        var items = await PostgresDeployment.ReportAsync(second, ids);
        var exitCode = await second.StopAsync(TimeSpan.FromSeconds(20));

        var (transferProblems, unrecorded) = TransferAudit.AfterCrash(deployment.Simulator.State.Transfers, items, [.. atCrash.Where(r => r.IsLeased)], crashedBefore);
        var fileProblems = DataDirectoryAudit.FindProblems(deployment.DataDirectory, items);
        await TestContext.Out.WriteLineAsync(
            $"Killed after {killedAfter.TotalSeconds:0.0} s with {PostgresDeployment.Summary(atCrash)}; " +
            $"the new process finished the rest in {recovery.TotalSeconds:0.0} s; {items.Count(i => i.Attempts > 1)} items resumed; " +
            $"{unrecorded} transfers requested by the killed process but never recorded.");
        Assert.Multiple(() =>
        {
            Assert.That(inFlight, Is.GreaterThanOrEqualTo(Workers / 4), "precondition: work was in flight when the process was killed");
            Assert.That(atCrash.Count(r => r.Status == "SAVED"), Is.LessThan(Orchestrations * ItemsEach / 2), "precondition: much work was left");
            Assert.That(items, Has.Count.EqualTo(Orchestrations * ItemsEach));
            Assert.That(items.Where(i => i.Status != "SAVED").Select(i => $"{i.ContractId}: {i.Status} {i.Error}"), Is.Empty, "items not SAVED");
            Assert.That(transferProblems, Is.Empty, "transfer processes per item");
            Assert.That(unrecorded, Is.Zero, "a transfer the killed process requested is found again by its attempt key, never requested twice");
            Assert.That(fileProblems, Is.Empty, "data directory");
            Assert.That(exitCode, Is.Zero, $"exit code after SIGTERM{Environment.NewLine}{second.Output()}");
        });
    }
}
