using DataOrchestrator.EdcSimulator.Faults;
using DataOrchestrator.EdcSimulator.Hosting;

namespace DataOrchestrator.Tests.Unit.Simulator.Hosting;

public sealed class SimulatorCommandLineTests
{
    [Test]
    public void ShouldReadTheDpsShape_WhenGivenOnTheCommandLine()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SimulatorCommandLine.Parse(["--dps", "MAIN"]).DpsShape, Is.EqualTo(DpsShapes.Main));
            Assert.That(SimulatorCommandLine.Parse(["--dps=0.18"]).DpsShape, Is.EqualTo(DpsShapes.V018));
            Assert.That(SimulatorCommandLine.Parse([]).DpsShape, Is.EqualTo(DpsShapes.Off));
            Assert.That(() => SimulatorCommandLine.Parse(["--dps", "0.17"]), Throws.ArgumentException);
        });
    }

    [Test]
    public void ShouldReadWhoChoosesTransferIds_WhenGivenOnTheCommandLine()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SimulatorCommandLine.Parse(["--transfer-ids", "Client"]).TransferIds, Is.EqualTo(TransferIdModes.Client));
            Assert.That(SimulatorCommandLine.Parse(["--transfer-ids=server"]).TransferIds, Is.EqualTo(TransferIdModes.Server));
            Assert.That(SimulatorCommandLine.Parse([]).TransferIds, Is.EqualTo(TransferIdModes.Server), "EDC 0.17+ by default");
            Assert.That(
                () => SimulatorCommandLine.Parse(["--transfer-ids", "random"]),
                Throws.ArgumentException.With.Message.Contains("'random'").And.Message.Contains("server").And.Message.Contains("client"));
            Assert.That(SimulatorCommandLine.Usage, Does.Contain("--transfer-ids <server|client>"));
        });
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
}
