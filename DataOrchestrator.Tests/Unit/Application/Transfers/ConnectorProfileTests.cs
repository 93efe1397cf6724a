using System.ComponentModel.DataAnnotations;
using DataOrchestrator.Application.Transfers;

namespace DataOrchestrator.Tests.Unit.Application.Transfers;

public sealed class ConnectorProfileTests
{
    private static readonly TransferOptions Options = new()
    {
        ApiKey = "global-key",
        Connectors =
        [
            new ConnectorProfile { AddressPrefix = "http://mvd17", ManagementPath = "/api/mgmt", ApiKey = "mvd-key" },
            new ConnectorProfile { AddressPrefix = "http://mvd17/special", DataPlaneTokenScheme = "bearer", TerminateAfterDownload = false },
        ],
    };

    [Test]
    public void ShouldUseTheGlobalSettings_WhenNoProfileMatches()
    {
        var settings = Options.ForConnector("http://other/consumer/cp");
        Assert.Multiple(() =>
        {
            Assert.That(settings.Connection.ManagementBaseUrl.AbsoluteUri, Is.EqualTo("http://other/consumer/cp/api/management"));
            Assert.That(settings.Connection.ApiKey, Is.EqualTo("global-key"));
            Assert.That(settings.BearerToken, Is.False);
            Assert.That(settings.TerminateAfterDownload, Is.True);
        });
    }

    [Test]
    public void ShouldApplyTheLongestMatchingProfile_OverTheGlobalSettings()
    {
        var mvd = Options.ForConnector("http://mvd17/consumer");
        var special = Options.ForConnector("http://mvd17/special/cp");
        Assert.Multiple(() =>
        {
            Assert.That(mvd.Connection.ManagementBaseUrl.AbsoluteUri, Is.EqualTo("http://mvd17/consumer/api/mgmt"));
            Assert.That(mvd.Connection.ApiKey, Is.EqualTo("mvd-key"));
            Assert.That(special.BearerToken, Is.True);
            Assert.That(special.TerminateAfterDownload, Is.False);
            Assert.That(special.Connection.ApiKey, Is.EqualTo("global-key"), "a profile falls back to the global values, not to a shorter profile");
        });
    }

    [TestCase("not-a-url", null, null, "AddressPrefix")]
    [TestCase("http://c", "api mgmt", null, "ManagementPath")]
    [TestCase("http://c", null, "token", "DataPlaneTokenScheme")]
    public void ShouldFailValidation_ForABadProfile(string prefix, string? path, string? scheme, string named)
    {
        var options = new TransferOptions { Connectors = [new ConnectorProfile { AddressPrefix = prefix, ManagementPath = path, DataPlaneTokenScheme = scheme }] };
        var results = new List<ValidationResult>();
        Assert.Multiple(() =>
        {
            Assert.That(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true), Is.False);
            Assert.That(results.Select(r => r.ErrorMessage), Has.Some.Contains(named));
        });
    }
}
