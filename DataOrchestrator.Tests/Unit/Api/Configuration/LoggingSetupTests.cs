using DataOrchestrator.Api.Configuration;

namespace DataOrchestrator.Tests.Unit.Api.Configuration;

public sealed class LoggingSetupTests
{
    [TestCase("DEBUG", "Debug")]
    [TestCase("info", "Info")]
    [TestCase("WARNING", "Warn")]
    [TestCase(null, "Info")]
    public void ShouldAcceptTheOriginalsLogLevels(string? value, string expected) =>
        Assert.That(LoggingSetup.ParseLevel(value).Name, Is.EqualTo(expected));

    [Test]
    public void ShouldRejectUnknownLogLevel() =>
        Assert.That(() => LoggingSetup.ParseLevel("LOUD"), Throws.ArgumentException.With.Message.Contains("LOG_LEVEL"));
}
