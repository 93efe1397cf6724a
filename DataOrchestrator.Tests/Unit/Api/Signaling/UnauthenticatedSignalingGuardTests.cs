using DataOrchestrator.Api.Signaling;
using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Transfers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;

namespace DataOrchestrator.Tests.Unit.Api.Signaling;

public sealed class UnauthenticatedSignalingGuardTests
{
    private static ValidateOptionsResult Validate(string environment, string dataFlow, bool allowUnauthenticated) =>
        new UnauthenticatedSignalingGuard(Mock.Of<IHostEnvironment>(e => e.EnvironmentName == environment), Options.Create(new TransferOptions { DataFlow = dataFlow }))
            .Validate(Options.DefaultName, new DataPlaneOptions { PublicUrl = "https://do.example", AllowUnauthenticated = allowUnauthenticated });

    [Test]
    public void ShouldRefuseNoAuthInProduction_WhenAConnectorUsesDps()
    {
        var result = Validate("Production", "dps", allowUnauthenticated: false);

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("DATAPLANE_ALLOW_UNAUTHENTICATED"));
    }

    [TestCase("Production", "dps", true)]
    [TestCase("Production", "edr", false)]
    [TestCase("Development", "dps", false)]
    public void ShouldLetTheServiceStart_OtherwiseAsked(string environment, string dataFlow, bool allowUnauthenticated) =>
        Assert.That(Validate(environment, dataFlow, allowUnauthenticated).Failed, Is.False);

    [Test]
    public void ShouldLetTheServiceStartInProduction_WithOAuth2()
    {
        var guard = new UnauthenticatedSignalingGuard(
            Mock.Of<IHostEnvironment>(e => e.EnvironmentName == "Production"), Options.Create(new TransferOptions { DataFlow = "dps" }));

        Assert.That(guard.Validate(Options.DefaultName, new DataPlaneOptions { Auth = "oauth2" }).Failed, Is.False);
    }
}
