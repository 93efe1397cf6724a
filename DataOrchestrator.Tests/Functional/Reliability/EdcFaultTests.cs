using System.Diagnostics;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Faults;
using DataOrchestrator.Tests.Support.Hosting;
using DataOrchestrator.Tests.Support.Reliability;

namespace DataOrchestrator.Tests.Functional.Reliability;

/// <summary>
/// Promise 1: with a fifth of all EDC management and data plane calls failing at random (500/502/503, reset, timeout,
/// slow body), every item still ends SAVED or FAILED within its deadline, nearly all SAVED, and resources stay bounded.
/// </summary>
[TestFixture]
[Category("Long")]
[NonParallelizable]
public sealed class EdcFaultTests
{
    private const int Items = 500;
    private const double ItemDeadlineSeconds = 90;

    // Every kind but the two that cut a body short: a cut management answer or download still fails its item (the
    // service neither retries an unreadable answer nor resumes a broken download yet; issue 16).
    private static readonly string[] SurvivedKinds = Enum.GetNames<FaultKind>()
        .Except([nameof(FaultKind.MidBodyReset), nameof(FaultKind.ShortBody)])
        .ToArray();

    [Test]
    public async Task ShouldSaveAtLeast99PercentAndLeaveNoneStuck_When20PercentOfEdcCallsFail()
    {
        await using var service = await MeasuredService.StartAsync(new Dictionary<string, string>
        {
            // A short per-attempt timeout, so a "timeout" fault (3 s of silence) costs one second and a retry.
            ["Edc:RequestTimeoutSeconds"] = "1",
            ["Edc:TransientRetries"] = "5",
            ["Edc:TransientRetryDelayMs"] = "20",
            ["Edc:DownloadIdleTimeoutSeconds"] = "2",
            ["Edc:ItemDeadlineSeconds"] = ItemDeadlineSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Workers:Count"] = "16",
        });
        await service.WarmUpAsync();
        service.Simulator.State.Faults.Configure(new FaultSetting(0.2, Seed: 20261128, DelayMs: 3000, Kinds: SurvivedKinds));
        await using var sampler = await ResourceSampler.StartAsync(service.Service, TimeSpan.FromMilliseconds(250));
        var watch = Stopwatch.StartNew();

        var id = await service.SubmitAsync(service.ExampleRequest(Enumerable.Range(0, Items).Select(i => $"agreement-{i}").ToArray()));
        var entry = await service.Client.WaitForFinalAsync(id, TimeSpan.FromSeconds(ItemDeadlineSeconds + 60));
        watch.Stop();

        var items = entry.GetProperty("items").EnumerateArray().ToArray();
        var statuses = items.Select(i => i.GetProperty("status").GetString()).ToArray();
        var saved = statuses.Count(s => s == "SAVED");
        var failures = items.Where(i => i.GetProperty("status").GetString() != "SAVED")
            .Select(i => i.GetProperty("error").ValueKind == JsonValueKind.Object ? i.GetProperty("error").GetProperty("code").GetString() + ": " + i.GetProperty("error").GetProperty("message").GetString() : i.GetProperty("status").GetString())
            .GroupBy(m => m).Select(g => $"{g.Count()} x {g.Key}");
        var ratio = saved / (double)Items;
        var report = $"{saved}/{Items} SAVED ({ratio:P1}) in {watch.Elapsed.TotalSeconds:F1} s; {sampler.Describe()}; injected faults in {service.Simulator.State.Calls.Count(c => c.Fault is not null)} recorded calls; failures: {string.Join(" | ", failures)}";
        TestContext.Out.WriteLine(report);
        Assert.Multiple(() =>
        {
            Assert.That(items, Has.Length.EqualTo(Items));
            Assert.That(statuses, Is.All.EqualTo("SAVED").Or.EqualTo("FAILED"), "no item left QUEUED or running");
            Assert.That(ratio, Is.GreaterThanOrEqualTo(0.99), report);
            Assert.That(watch.Elapsed.TotalSeconds, Is.LessThan(ItemDeadlineSeconds + 30), "every item finished within its deadline");
            Assert.That(sampler.LiveHeapGrowthBytes, Is.LessThan(ResourceSampler.LiveHeapGrowthLimitBytes), report);
            Assert.That(sampler.PeakWorkingSetBytes, Is.LessThan(ResourceSampler.WorkingSetLimitBytes), report);
            Assert.That(sampler.PeakThreads, Is.LessThan(ResourceSampler.ThreadLimit), report);
        });
    }
}
