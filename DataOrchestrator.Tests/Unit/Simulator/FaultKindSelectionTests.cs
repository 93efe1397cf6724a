using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Faults;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Tests.Support.Simulator;

namespace DataOrchestrator.Tests.Unit.Simulator;

/// <summary>Choosing which fault kinds are drawn: in code, on the command line and through the control API.</summary>
public sealed class FaultKindSelectionTests
{
    [Test]
    public void ShouldDrawOnlyTheEnabledKinds_WhenKindsAreChosen()
    {
        var injector = new FaultInjector(1, seed: 4, TimeSpan.Zero, [FaultKind.BadGateway, FaultKind.ShortBody]);

        var kinds = Enumerable.Range(0, 2000).Select(_ => injector.Next()!.Value.Kind).ToList();

        Assert.That(kinds.Distinct(), Is.EquivalentTo(new[] { FaultKind.BadGateway, FaultKind.ShortBody }));
    }

    [Test]
    public void ShouldRepeatTheSameKindsAndCuts_WhenTheSeedAndKindsAreEqual()
    {
        FaultKind[] kinds = [FaultKind.MidBodyReset, FaultKind.ShortBody, FaultKind.Timeout];
        var first = new FaultInjector(0.5, seed: 12, TimeSpan.Zero, kinds);
        var second = new FaultInjector(0.5, seed: 12, TimeSpan.Zero, kinds);

        var a = Enumerable.Range(0, 500).Select(_ => first.Next()).ToArray();
        var b = Enumerable.Range(0, 500).Select(_ => second.Next()).ToArray();

        Assert.That(b, Is.EqualTo(a));
    }

    [Test]
    public void ShouldRejectUnknownOrNoKinds_WithAMessageNamingThemAndTheValidOnes()
    {
        var injector = new FaultInjector(0, seed: 1, TimeSpan.Zero);

        var unknown = new FaultSetting(0.1, Kinds: ["ShortBody", "Nope", "3"]).Validate();
        var none = new FaultSetting(0.1, Kinds: []).Validate();

        Assert.Multiple(() =>
        {
            Assert.That(unknown, Has.One.Contains("'Nope'").And.Contains("'3'").And.Contains("MidBodyReset"));
            Assert.That(none, Has.One.Contains("at least one"));
            Assert.That(() => injector.Configure(new FaultSetting(0.1, Kinds: ["Nope"])), Throws.ArgumentException.With.Message.Contains("'Nope'"));
            Assert.That(new FaultSetting(0.1, Kinds: ["shortbody", " BadGateway "]).Validate(), Is.Empty, "names in any case");
        });
    }

    [Test]
    public void ShouldKeepTheChosenKinds_WhenALaterSettingOmitsThem()
    {
        var injector = new FaultInjector(0.2, seed: 1, TimeSpan.Zero, [FaultKind.BadGateway]);

        injector.Configure(new FaultSetting(0.5));

        Assert.That(injector.Kinds, Is.EqualTo(new[] { FaultKind.BadGateway }));
    }

    [Test]
    public void ShouldReadFaultKindsAndRangeSupport_WhenGivenOnTheCommandLine()
    {
        var options = SimulatorCommandLine.Parse(["--fault-kinds", "badgateway, MidBodyReset,ShortBody", "--data-plane-ranges=off"]);
        var defaults = SimulatorCommandLine.Parse([]);

        Assert.Multiple(() =>
        {
            Assert.That(options.FaultKinds, Is.EqualTo(new[] { FaultKind.BadGateway, FaultKind.MidBodyReset, FaultKind.ShortBody }));
            Assert.That(options.DataPlaneRanges, Is.False);
            Assert.That(defaults.FaultKinds, Is.EquivalentTo(Enum.GetValues<FaultKind>()));
            Assert.That(defaults.DataPlaneRanges, Is.True);
            Assert.That(() => SimulatorCommandLine.Parse(["--fault-kinds", "ShortBody,Nope"]), Throws.ArgumentException.With.Message.Contains("'Nope'"));
            Assert.That(() => SimulatorCommandLine.Parse(["--data-plane-ranges", "maybe"]), Throws.ArgumentException);
        });
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
