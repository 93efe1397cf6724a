using DataOrchestrator.EdcSimulator.Faults;

namespace DataOrchestrator.Tests.Unit.Simulator.Faults;

/// <summary>Which faults the injector draws: the configured fraction, only the chosen kinds, the same sequence for the same seed; and which settings it refuses.</summary>
public sealed class FaultInjectorTests
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
}
