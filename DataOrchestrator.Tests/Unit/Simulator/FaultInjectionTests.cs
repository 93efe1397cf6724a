using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using DataOrchestrator.EdcSimulator.Faults;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Tests.Support.Simulator;

namespace DataOrchestrator.Tests.Unit.Simulator;

[TestFixture]
public sealed class FaultInjectionTests
{
    [Test]
    public void ShouldFailTheConfiguredFractionWithEveryKind_WhenFaultRateIsSet()
    {
        var injector = new FaultInjector(0.2, seed: 11, TimeSpan.FromSeconds(1));

        var faults = Enumerable.Range(0, 20_000).Select(_ => injector.Next()).OfType<InjectedFault>().Select(f => f.Kind).ToList();

        Assert.That(faults.Count / 20_000.0, Is.InRange(0.18, 0.22));
        Assert.That(faults.Distinct().Count(), Is.EqualTo(Enum.GetValues<FaultKind>().Length));
    }

    [Test]
    public void ShouldRepeatTheSameSequence_WhenTheSeedIsEqual()
    {
        var first = new FaultInjector(0.5, seed: 7, TimeSpan.Zero);
        var second = new FaultInjector(0.5, seed: 7, TimeSpan.Zero);
        var other = new FaultInjector(0.5, seed: 8, TimeSpan.Zero);

        var a = Enumerable.Range(0, 200).Select(_ => first.Next()).ToArray();
        var b = Enumerable.Range(0, 200).Select(_ => second.Next()).ToArray();
        var c = Enumerable.Range(0, 200).Select(_ => other.Next()).ToArray();

        Assert.That(b, Is.EqualTo(a));
        Assert.That(c, Is.Not.EqualTo(a));
    }

    [Test]
    public void ShouldInjectNothing_WhenFaultRateIsZero()
    {
        var injector = new FaultInjector(0, seed: 1, TimeSpan.Zero);

        Assert.That(Enumerable.Range(0, 1000).Select(_ => injector.Next()), Has.All.Null);
    }

    [Test]
    public void ShouldRejectTheSetting_WhenRateIsOutsideZeroToOne()
    {
        var injector = new FaultInjector(0, seed: 1, TimeSpan.Zero);

        Assert.That(() => injector.Configure(new FaultSetting(1.5)), Throws.ArgumentException);
        Assert.That(new FaultSetting(-0.1).Validate(), Is.Not.Empty);
        Assert.That(new FaultSetting(0.3, DelayMs: -1).Validate(), Is.Not.Empty);
    }

    [Test]
    public void ShouldReadFaultSettings_WhenGivenOnTheCommandLine()
    {
        var options = SimulatorCommandLine.Parse(["--fault-rate", "0.25", "--fault-seed=9", "--fault-delay-ms", "1500"]);

        Assert.That(options.FaultRate, Is.EqualTo(0.25));
        Assert.That(options.FaultSeed, Is.EqualTo(9));
        Assert.That(options.FaultDelay, Is.EqualTo(TimeSpan.FromMilliseconds(1500)));
        Assert.That(() => SimulatorCommandLine.Parse(["--fault-rate", "2"]), Throws.ArgumentException);
    }

    [Test]
    public async Task ShouldApplyAndReportTheSetting_WhenPutThroughTheControlApi()
    {
        await using var sim = await SimulatorClient.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Simulator.BaseAddress };

        using var put = await http.PutAsJsonAsync("/_sim/faults", new { rate = 0.4, seed = 5, delayMs = 250 });
        var setting = await http.GetFromJsonAsync<FaultSetting>("/_sim/faults");
        using var bad = await http.PutAsJsonAsync("/_sim/faults", new { rate = 1.2 });

        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(setting! with { Kinds = null }, Is.EqualTo(new FaultSetting(0.4, 5, 250)));
        Assert.That(setting.Kinds, Is.EqualTo(Enum.GetNames<FaultKind>()), "all kinds unless chosen");
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(sim.State.Faults.Rate, Is.EqualTo(0.4));
    }

    [Test]
    public async Task ShouldBreakManagementAndDataPlaneCalls_WhenEveryCallFaults()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { FaultRate = 1, FaultSeed = 3, FaultDelay = TimeSpan.FromMilliseconds(300) });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var outcomes = new List<string>();

        for (var i = 0; i < 40; i++)
        {
            var url = i % 2 == 0 ? sim.Simulator.ManagementAddress + "/v3/transferprocesses/unknown" : sim.Simulator.PublicEndpoint;
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("X-Api-Key", sim.Simulator.ApiKey);
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsStringAsync();
                outcomes.Add((int)response.StatusCode >= 500 ? "5xx" : watch.ElapsedMilliseconds >= 100 ? "slow" : "untouched");
            }
            catch (HttpRequestException)
            {
                outcomes.Add(watch.ElapsedMilliseconds >= 250 ? "timeout" : "reset");
            }
        }

        Assert.That(outcomes, Does.Not.Contain("untouched"));
        Assert.That(outcomes.Distinct(), Is.EquivalentTo(new[] { "5xx", "slow", "timeout", "reset" }));
    }

    [Test]
    public async Task ShouldAnswerWithTheExistingTransfer_WhenAStartIsRepeatedWithTheSameId()
    {
        await using var sim = await SimulatorClient.StartAsync();
        var request = SimulatorClient.V3TransferRequest("agreement-1").Replace("\"@type\":\"TransferRequest\"", "\"@type\":\"TransferRequest\",\"@id\":\"start-1\"", StringComparison.Ordinal);

        var (firstStatus, first) = await sim.PostAsync("/v3/transferprocesses", request);
        var (secondStatus, second) = await sim.PostAsync("/v3/transferprocesses", request);

        Assert.That(firstStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(secondStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.GetProperty("@id").GetString(), Is.EqualTo(first.GetProperty("@id").GetString()));
        Assert.That(sim.State.Transfers, Has.Count.EqualTo(1), "a repeated start must not create a second transfer");
    }
}
