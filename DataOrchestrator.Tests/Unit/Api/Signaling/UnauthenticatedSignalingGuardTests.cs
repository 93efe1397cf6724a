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
    public void ShouldRefuseOauth2UntilItIsImplemented_AndRequireThePublicUrlForDps()
    {
        var oauth2 = new DataPlaneOptions { Auth = "oauth2" };

        Assert.That(oauth2.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(oauth2)).Select(r => r.ErrorMessage), Has.Some.Contains("not supported yet"));
        Assert.That(new TransferOptions { Connectors = [new ConnectorProfile { AddressPrefix = "http://x", DataFlow = "dps" }] }.UsesDps, Is.True);
    }
}
