using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.DataPlane;
using DataOrchestrator.EdcSimulator.Faults;
using DataOrchestrator.Tests.Support.Hosting;
using DataOrchestrator.Tests.Support.Reliability;

namespace DataOrchestrator.Tests.Functional.Reliability;

/// <summary>
/// Promise 1: with a fifth (and then two fifths) of all EDC management and data plane calls failing at random, of
/// every kind the simulator injects (500/502/503, a reset before or in the middle of the body, a body cut short, a
/// timeout, a slow body), every item still ends SAVED or FAILED within its deadline, nearly all SAVED, every saved file
/// is the payload byte for byte, and resources stay bounded.
/// </summary>
[TestFixture]
[Category("Long")]
[NonParallelizable]
public sealed class EdcFaultTests
{
    private const int Items = 500;
    private const long PayloadBytes = 64 * 1024;
    private const double ItemDeadlineSeconds = 90;

    [TestCase(0.2, 0.995)]
    [TestCase(0.4, 0.97)]
    public async Task ShouldSaveNearlyEveryItemWhole_AndLeaveNoneStuck_WhenEdcCallsFailAtRandom(double faultRate, double savedAtLeast)
    {
        await using var service = await MeasuredService.StartAsync(new Dictionary<string, string>
        {
            // A short per-attempt timeout, so a "timeout" fault (3 s of silence) costs one second and a retry.
            ["Edc:RequestTimeoutSeconds"] = "1",
            ["Edc:TransientRetries"] = "5",
            ["Edc:TransientRetryDelayMs"] = "20",
            ["Edc:DownloadRetryDelayMs"] = "20",
            ["Edc:EdcUnavailableRetryDelayMs"] = "200",
            ["Edc:DownloadIdleTimeoutSeconds"] = "2",
            ["Edc:ItemDeadlineSeconds"] = ItemDeadlineSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Workers:Count"] = "16",
        });
        await service.WarmUpAsync();
        var contracts = Enumerable.Range(0, Items).Select(i => $"agreement-{i}").ToArray();
        foreach (var contract in contracts)
        {
            service.Simulator.State.SetBehaviour(contract, new() { PayloadBytes = PayloadBytes });
        }

        service.Simulator.State.Faults.Configure(new FaultSetting(faultRate, Seed: 20261128, DelayMs: 3000, Kinds: Enum.GetNames<FaultKind>()));
        await using var sampler = await ResourceSampler.StartAsync(service.Service, TimeSpan.FromMilliseconds(250));
        var watch = Stopwatch.StartNew();

        var id = await service.SubmitAsync(service.ExampleRequest(contracts));
        var entry = await service.Client.WaitForFinalAsync(id, TimeSpan.FromSeconds(ItemDeadlineSeconds * 2 + 60));
        watch.Stop();

        var items = entry.GetProperty("items").EnumerateArray().ToArray();
        var statuses = items.Select(i => i.GetProperty("status").GetString()).ToArray();
        var saved = items.Where(i => i.GetProperty("status").GetString() == "SAVED").ToArray();
        var expectedSha256 = Convert.ToHexStringLower(SimulatedPayload.ComputeSha256(PayloadBytes));
        var damaged = saved.Count(i => !IsWholePayload(service.DataDirectory, i, expectedSha256));
        var failures = items.Where(i => i.GetProperty("status").GetString() != "SAVED")
            .Select(i => i.GetProperty("error").ValueKind == JsonValueKind.Object ? i.GetProperty("error").GetProperty("code").GetString() + ": " + i.GetProperty("error").GetProperty("message").GetString() : i.GetProperty("status").GetString())
            .GroupBy(m => m).Select(g => $"{g.Count()} x {g.Key}");
        var faults = service.Simulator.State.Calls.Where(c => c.Fault is not null).GroupBy(c => c.Fault).Select(g => $"{g.Key} {g.Count()}");
        var ratio = saved.Length / (double)Items;
        var startedTwice = service.Simulator.State.Transfers.GroupBy(t => t.ContractId).Count(g => g.Count() > 1);
        var report = $"{faultRate:P0} faults: {saved.Length}/{Items} SAVED ({ratio:P1}) in {watch.Elapsed.TotalSeconds:F1} s, {damaged} saved files not the payload; "
            + $"{sampler.Describe()}; injected faults: {string.Join(", ", faults)}; failures: {string.Join(" | ", failures)}";
        TestContext.Out.WriteLine(report);
        Assert.Multiple(() =>
        {
            Assert.That(items, Has.Length.EqualTo(Items));
            Assert.That(statuses, Is.All.EqualTo("SAVED").Or.EqualTo("FAILED"), "no item left QUEUED, waiting or running");
            Assert.That(ratio, Is.GreaterThanOrEqualTo(savedAtLeast), report);
            Assert.That(damaged, Is.Zero, "no short or corrupt file is ever saved: " + report);
            Assert.That(startedTwice, Is.Zero, "no agreement got a second transfer: the simulator, like EDC 0.17+, starts one per request: " + report);
            Assert.That(Directory.GetFiles(service.DataDirectory), Has.Length.EqualTo(saved.Length + 16), "a file per saved item (and the warm-up's), no partial file left");
            Assert.That(sampler.LiveHeapGrowthBytes, Is.LessThan(ResourceSampler.LiveHeapGrowthLimitBytes), report);
            Assert.That(sampler.PeakWorkingSetBytes, Is.LessThan(ResourceSampler.WorkingSetLimitBytes), report);
            Assert.That(sampler.PeakThreads, Is.LessThan(ResourceSampler.ThreadLimit), report);
        });
    }

    private static bool IsWholePayload(string dataDirectory, JsonElement item, string expectedSha256)
    {
        var path = Path.Combine(dataDirectory, Path.GetFileName(item.GetProperty("storage_path").GetString()!));
        return File.Exists(path)
            && new FileInfo(path).Length == PayloadBytes
            && item.GetProperty("sha256").GetString() == expectedSha256
            && Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) == expectedSha256;
    }
}
