using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Faults;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Tests.Support.Simulator;

namespace DataOrchestrator.Tests.Simulator;

[TestFixture]
public sealed class FaultInjectionTests
{
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
    public async Task ShouldApplyTheKinds_WhenPutThroughTheControlApi()
    {
        await using var sim = await SimulatorClient.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Simulator.BaseAddress };

        using var put = await http.PutAsJsonAsync("/_sim/faults", new { rate = 1, seed = 2, kinds = new[] { "badGateway" } });
        var setting = await http.GetFromJsonAsync<JsonElement>("/_sim/faults");
        using var failing = sim.ManagementRequest("/v3/transferprocesses/unknown");
        using var failed = await http.SendAsync(failing);
        using var bad = await http.PutAsJsonAsync("/_sim/faults", new { rate = 0.1, kinds = new[] { "Nope" } });
        var problem = await bad.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(setting.GetProperty("kinds").EnumerateArray().Select(kind => kind.GetString()), Is.EqualTo(new[] { "BadGateway" }));
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem, Does.Contain("'Nope'"));
            Assert.That(sim.State.Faults.Kinds, Is.EqualTo(new[] { FaultKind.BadGateway }), "a rejected setting changes nothing");
        });
    }
}
