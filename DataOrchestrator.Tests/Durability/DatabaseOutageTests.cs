using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.Testing.Postgres;
using DataOrchestrator.Testing.Processes;
using DataOrchestrator.Tests.Support.Durability;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Durability;

/// <summary>The database goes away for a few seconds while work is queued and running, then comes back.</summary>
[NonParallelizable]
public sealed class DatabaseOutageTests
{
    private const int Orchestrations = 60;
    private const int Workers = 4;
    private const double LeaseSeconds = 5;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(3);

    [Test]
    [CancelAfter(90_000)]
    public async Task ShouldAnswer503WhileTheDatabaseIsAway_AndFinishTheQueuedWorkOnceItIsBack()
    {
        await using var server = await PostgresCluster.StartNewAsync();
        await using var deployment = await PostgresDeployment.StartAsync(await server.CreateDatabaseAsync());
        var service = await deployment.StartInstanceAsync("service", Workers, LeaseSeconds);
        var ids = new List<string>();
        for (var o = 0; o < Orchestrations; o++)
        {
            var contract = $"outage-{o:D3}";
            deployment.SpreadLatency([contract]);
            ids.Add(await deployment.SubmitAsync(service, contract));
        }

        var beforeStop = await deployment.WaitForRowsAsync(
            rows => rows.Count(r => r.Status == "SAVED") >= 4 && rows.Count(r => r.IsLeased) >= Workers / 2,
            TimeSpan.FromSeconds(30),
            "items are running");
        await server.StopAsync();
        var away = Stopwatch.StartNew();
        using var status = await service.Client.GetAsync(new Uri($"/status/{ids[^1]}", UriKind.Relative));
        var statusBody = await status.Content.ReadAsStringAsync();
        using var submit = await service.Client.PostAsJsonAsync(
            new Uri("/orchestrate", UriKind.Relative),
            new { data = new[] { new { counterPartyAddress = "http://provider/api/dsp", contractId = "outage-refused" } }, connectorAddress = deployment.Simulator.ConnectorAddress });
        var submitBody = await submit.Content.ReadAsStringAsync();
        var aliveWhileAway = true;
        while (away.Elapsed < Outage)
        {
            aliveWhileAway &= !service.HasExited;
            await Task.Delay(100);
        }

        await server.StartAsync();
        var back = Stopwatch.StartNew();

        // Transfers answered while the database was away could not be recorded. Sessions pooled before the stop fail on
        // their first use after the restart, so the crash lasts a little longer than the outage.
        var crashedBefore = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2);
        await deployment.WaitForRowsAsync(rows => rows.All(r => r.Finished), TimeSpan.FromSeconds(40), "every item is finished after the database is back");
        var recovery = back.Elapsed;
        ids.Add(await deployment.SubmitAsync(service, "outage-after"));
        await deployment.WaitForRowsAsync(rows => rows.All(r => r.Finished), TimeSpan.FromSeconds(20), "an orchestration submitted after the outage is finished");
        var items = await PostgresDeployment.ReportAsync(service, ids);
        var aliveAfter = !service.HasExited;
        var exitCode = await service.StopAsync(TimeSpan.FromSeconds(20));

        var interrupted = beforeStop.Where(r => !r.Finished).ToArray();
        var (transferProblems, unrecorded) = TransferAudit.AfterCrash(deployment.Simulator.State.Transfers, items, interrupted, crashedBefore, lossesPerItem: 2);
        await TestContext.Out.WriteLineAsync(
            $"Database stopped with {PostgresDeployment.Summary(beforeStop)}; after it was back for {recovery.TotalSeconds:0.0} s every item was finished; " +
            $"{items.Count(i => i.Attempts > 1)} items needed more than one attempt; {unrecorded} transfers requested but never recorded.");
        Assert.Multiple(() =>
        {
            Assert.That(aliveWhileAway && aliveAfter, Is.True, $"the service kept running{Environment.NewLine}{service.Output()}");
            AssertUnavailable(status, statusBody, "GET /status/{id}");
            AssertUnavailable(submit, submitBody, "POST /orchestrate");
            Assert.That(items.Where(i => i.Status != "SAVED").Select(i => $"{i.ContractId}: {i.Status} {i.Error}"), Is.Empty, "items not SAVED");
            Assert.That(transferProblems, Is.Empty, "transfer processes per item");
            Assert.That(DataDirectoryAudit.FindProblems(deployment.DataDirectory, items), Is.Empty, "data directory");
            Assert.That(exitCode, Is.Zero, $"exit code after SIGTERM{Environment.NewLine}{service.Output()}");
        });
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task ShouldResumeInterruptedItems_NotFailThem_WhenTheDatabaseDropsConnections()
    {
        var server = await PostgresCluster.SharedAsync();
        await using var deployment = await PostgresDeployment.StartAsync(await server.CreateDatabaseAsync());
        var service = await deployment.StartInstanceAsync("service", Workers * 2, LeaseSeconds);
        var ids = new List<string>();
        for (var o = 0; o < Orchestrations; o++)
        {
            var contract = $"dropped-{o:D3}";
            deployment.SpreadLatency([contract]);
            ids.Add(await deployment.SubmitAsync(service, contract));
        }

        // What a failover, a pooler restart or an administrator's pg_terminate_backend does: open sessions end, and
        // the next connection works at once.
        var beforeDrops = await deployment.ReadRowsAsync();
        var dropped = 0;
        var dropping = Stopwatch.StartNew();
        while (dropping.Elapsed < Outage)
        {
            dropped += await deployment.TerminateSessionsAsync();
            await Task.Delay(150);
        }

        var droppedUntil = DateTimeOffset.UtcNow;

        await deployment.WaitForRowsAsync(rows => rows.All(r => r.Finished), TimeSpan.FromSeconds(40), "every item is finished");
        var items = await PostgresDeployment.ReportAsync(service, ids);
        var exitCode = await service.StopAsync(TimeSpan.FromSeconds(20));

        // An item whose transfer request was answered just as its session ended could not record it, as often as that
        // happened to it; pooled sessions ended while idle fail on their next use, shortly after the last drop.
        var (transferProblems, unrecorded) = TransferAudit.AfterCrash(
            deployment.Simulator.State.Transfers, items, [.. beforeDrops.Where(r => !r.Finished)], droppedUntil + TimeSpan.FromSeconds(2), int.MaxValue);
        await TestContext.Out.WriteLineAsync(
            $"{dropped} sessions terminated over {Outage.TotalSeconds:0} s; {items.Count(i => i.Attempts > 1)} items needed more than one attempt; " +
            $"{unrecorded} transfers requested but never recorded.");
        Assert.Multiple(() =>
        {
            Assert.That(dropped, Is.Positive, "precondition: sessions were terminated");
            Assert.That(items.Where(i => i.Status != "SAVED").Select(i => $"{i.ContractId}: {i.Status} {i.Error}"), Is.Empty, "items not SAVED");
            Assert.That(transferProblems, Is.Empty, "transfer processes per item");
            Assert.That(DataDirectoryAudit.FindProblems(deployment.DataDirectory, items), Is.Empty, "data directory");
            Assert.That(exitCode, Is.Zero, $"exit code after SIGTERM{Environment.NewLine}{service.Output()}");
        });
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task ShouldKeepRunningItemsOnOneWorker_WhenTheirLeasesRunOutWhileTheDatabaseIsAway()
    {
        const int slowItems = 4;
        await using var server = await PostgresCluster.StartNewAsync();
        await using var deployment = await PostgresDeployment.StartAsync(await server.CreateDatabaseAsync());
        var service = await deployment.StartInstanceAsync("service", Workers * 2, leaseSeconds: 2);
        var ids = new List<string>();
        for (var o = 0; o < slowItems; o++)
        {
            // The workers wait for STARTED, polling EDC without touching the database, through the whole outage.
            var contract = $"slow-{o}";
            deployment.Simulator.State.SetBehaviour(contract, new AgreementBehaviour { StartDelayMs = 12_000 });
            ids.Add(await deployment.SubmitAsync(service, contract));
        }

        await deployment.WaitForRowsAsync(rows => rows.All(r => r.Status == "TRANSFER_REQUESTED"), TimeSpan.FromSeconds(20), "every transfer is requested");
        var failedBefore = FailedHeartbeats(service);
        await server.StopAsync();
        // Extended every third of a lease: five failed extensions after the stop outlast every lease extended before it.
        await Eventually.UntilAsync(() => FailedHeartbeats(service) - failedBefore >= 5, TimeSpan.FromSeconds(30), "every lease has run out");
        await server.StartAsync();
        await deployment.WaitForRowsAsync(rows => rows.All(r => r.Finished), TimeSpan.FromSeconds(30), "every item is finished");
        var items = await PostgresDeployment.ReportAsync(service, ids);
        var exitCode = await service.StopAsync(TimeSpan.FromSeconds(20));

        var downloads = deployment.Simulator.State.Calls.Count(c => c.Method == "GET" && c.Path.StartsWith("/api/public", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(items.Where(i => i.Status != "SAVED").Select(i => $"{i.ContractId}: {i.Status} {i.Error}"), Is.Empty, "items not SAVED");
            Assert.That(items.Select(i => i.Attempts), Is.All.EqualTo(1), "attempts: each item ran once, on the worker that started it");
            Assert.That(downloads, Is.EqualTo(slowItems), "data plane downloads");
            Assert.That(TransferAudit.ExactlyOnePerItem(deployment.Simulator.State.Transfers, items), Is.Empty, "transfer processes per item");
            Assert.That(DataDirectoryAudit.FindProblems(deployment.DataDirectory, items), Is.Empty, "data directory");
            Assert.That(exitCode, Is.Zero, $"exit code after SIGTERM{Environment.NewLine}{service.Output()}");
        });
    }

    private static int FailedHeartbeats(ServiceProcess service) =>
        service.OutputLines.Count(l => l.Contains("Could not extend the leases of running items", StringComparison.Ordinal));

    private static void AssertUnavailable(HttpResponseMessage response, string body, string request)
    {
        Assert.That((int)response.StatusCode, Is.EqualTo(503), $"{request} while the database is away: {body}");
        Assert.That(response.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero), $"{request}: Retry-After");
        if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable)
        {
            return;
        }

        using var document = JsonDocument.Parse(body);
        var envelope = document.RootElement;
        Assert.That(envelope.GetProperty("status").GetString(), Is.EqualTo("ERROR"), $"{request}: envelope status");
        Assert.That(envelope.GetProperty("status_code").GetInt32(), Is.EqualTo(503), $"{request}: envelope status_code");
        Assert.That(envelope.GetProperty("message").GetString(), Is.Not.Empty, $"{request}: envelope message");
        Assert.That(
            envelope.GetProperty("details").GetProperty("retry_after_seconds")[0].GetString(),
            Is.EqualTo(response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            $"{request}: details.retry_after_seconds matches Retry-After");
    }
}
