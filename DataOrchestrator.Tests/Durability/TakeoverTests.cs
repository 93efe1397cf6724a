using System.Diagnostics;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.Testing.Postgres;
using DataOrchestrator.Tests.Support.Durability;

namespace DataOrchestrator.Tests.Durability;

/// <summary>Two instances at work; one is killed and the survivor takes its items over once their leases expire.</summary>
[NonParallelizable]
public sealed class TakeoverTests
{
    private const int Orchestrations = 120;
    private const int Workers = 8;
    private const int Held = 3;
    private const double LeaseSeconds = 2;

    [Test]
    [CancelAfter(90_000)]
    public async Task ShouldFinishTheKilledInstancesItems_OnTheSurvivor_AfterTheirLeasesExpire()
    {
        var server = await PostgresCluster.SharedAsync();
        await using var deployment = await PostgresDeployment.StartAsync(await server.CreateDatabaseAsync());
        // A few items wait for STARTED behind a gate on the doomed instance alone, so it certainly dies holding them
        // however fast the machine finishes the rest; the gate opens after the kill.
        var gate = new StartGate();
        var held = Enumerable.Range(0, Held).Select(h => $"takeover-held-{h}").ToArray();
        foreach (var contract in held)
        {
            deployment.Simulator.State.SetBehaviour(contract, new AgreementBehaviour { StartGate = gate });
        }

        var doomed = await deployment.StartInstanceAsync("doomed", Workers, LeaseSeconds);
        var ids = new List<string> { await deployment.SubmitAsync(doomed, held) };
        await deployment.WaitForRowsAsync(
            rows => rows.Count(r => r.IsLeasedBy(doomed.Pid)) == Held, TimeSpan.FromSeconds(30), "the doomed instance runs the held items");
        var survivor = await deployment.StartInstanceAsync("survivor", Workers, LeaseSeconds);
        for (var o = 0; o < Orchestrations; o++)
        {
            var contract = $"takeover-{o:D3}";
            deployment.SpreadLatency([contract]);
            ids.Add(await deployment.SubmitAsync(o % 2 == 0 ? doomed : survivor, contract));
        }

        await deployment.WaitForRowsAsync(
            rows => rows.Count(r => r.Status == "SAVED") >= 20 && rows.Count(r => r.IsLeasedBy(doomed.Pid)) >= Workers * 3 / 4 && rows.Any(r => r.IsLeasedBy(survivor.Pid)),
            TimeSpan.FromSeconds(30),
            "both instances are running items");
        await doomed.KillAsync();
        var sinceKill = Stopwatch.StartNew();
        gate.Open();

        // The doomed instance's leases were extended at most a heartbeat (a third of the lease) ago: nobody can resume
        // its items before this, so transfers created until then that it never recorded are its own.
        var crashedBefore = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(LeaseSeconds / 3);
        var orphaned = (await deployment.ReadRowsAsync()).Where(r => r.IsLeasedBy(doomed.Pid)).ToArray();
        var orphanedKeys = orphaned.Select(r => (r.OrchestrationId, r.Index)).ToHashSet();
        await deployment.WaitForRowsAsync(
            rows => rows.Where(r => orphanedKeys.Contains((r.OrchestrationId, r.Index))).All(r => r.Finished),
            TimeSpan.FromSeconds(30),
            "the killed instance's items are finished");
        var takeover = sinceKill.Elapsed;
        await deployment.WaitForRowsAsync(rows => rows.All(r => r.Finished), TimeSpan.FromSeconds(30), "every item is finished");
        var items = await PostgresDeployment.ReportAsync(survivor, ids);
        var exitCode = await survivor.StopAsync(TimeSpan.FromSeconds(20));

        var savedBySurvivor = SavedLines.TransferIds(survivor).ToHashSet(StringComparer.Ordinal);
        var orphanedItems = items.Where(i => orphanedKeys.Contains((Guid.Parse(i.OrchestrationId), i.Index))).ToArray();
        var (transferProblems, unrecorded) = TransferAudit.AfterCrash(deployment.Simulator.State.Transfers, items, orphaned, crashedBefore);
        await TestContext.Out.WriteLineAsync(
            $"Killed holding {PostgresDeployment.Summary(orphaned)}; the survivor finished them {takeover.TotalSeconds:0.0} s " +
            $"after the kill (lease {LeaseSeconds} s); {unrecorded} transfers requested by the killed instance but never recorded.");
        Assert.Multiple(() =>
        {
            Assert.That(orphaned.Select(r => r.ContractId), Is.SupersetOf(held), "precondition: the killed instance held running items");
            Assert.That(items.Where(i => i.Status != "SAVED").Select(i => $"{i.ContractId}: {i.Status} {i.Error}"), Is.Empty, "items not SAVED");
            Assert.That(orphanedItems.Where(i => !savedBySurvivor.Contains(i.TransferId!)).Select(i => i.ContractId), Is.Empty, "orphaned items not saved by the survivor");
            Assert.That(takeover, Is.LessThan(TimeSpan.FromSeconds(LeaseSeconds + 10)), "takeover soon after the leases expire");
            Assert.That(transferProblems, Is.Empty, "transfer processes per item");
            Assert.That(unrecorded, Is.Zero, "a transfer the killed instance requested is found again by its attempt key, never requested twice");
            Assert.That(DataDirectoryAudit.FindProblems(deployment.DataDirectory, items), Is.Empty, "data directory");
            Assert.That(survivor.HasExited && exitCode == 0, Is.True, $"survivor stopped cleanly (exit code {exitCode}){Environment.NewLine}{survivor.Output()}");
        });
    }
}
