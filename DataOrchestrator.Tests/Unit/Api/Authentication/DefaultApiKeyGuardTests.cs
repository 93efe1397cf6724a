using System.Security.Cryptography;
using System.Text;
using DataOrchestrator.Api.Authentication;
using DataOrchestrator.Application.Transfers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;

namespace DataOrchestrator.Tests.Unit.Api.Authentication;

public sealed class DefaultApiKeyGuardTests
{
    private static readonly string DefaultKeyHash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("password")));

    private static ValidateOptionsResult Validate(string environmentName, string? apiKeys, string edcApiKey = "password", bool allowDefaultKey = false)
    {
        var environment = Mock.Of<IHostEnvironment>(e => e.EnvironmentName == environmentName);
        var guard = new DefaultApiKeyGuard(environment, Options.Create(new TransferOptions { ApiKey = edcApiKey }));
        return guard.Validate(Options.DefaultName, new ApiKeyOptions { ApiKeys = apiKeys, AllowDefaultKey = allowDefaultKey });
    }

    [Test]
    public void ShouldFail_WhenProductionClientsFallBackToTheDefaultEdcKey()
    {
        var result = Validate("Production", apiKeys: "");

        Assert.Multiple(() =>
        {
            Assert.That(result.Failed, Is.True);
            Assert.That(result.FailureMessage, Does.Contain("API_KEYS is unset").And.Contain("EDC_API_KEY").And.Contain("'password'"));
            Assert.That(result.FailureMessage, Does.Contain("ALLOW_DEFAULT_API_KEY=true").And.Contain("ASPNETCORE_ENVIRONMENT"));
        });
    }

    [TestCase("own-key, password")]
    [TestCase("own-key,password ")]
    public void ShouldFail_WhenAProductionApiKeysEntryIsTheDefaultKey(string apiKeys)
    {
        var result = Validate("Production", apiKeys, edcApiKey: "connector-key");
        Assert.That(result.FailureMessage, Does.StartWith("An API_KEYS entry is the shipped default key"));
    }

    [Test]
    public void ShouldFail_WhenAProductionApiKeysEntryIsTheDefaultKeysHash() =>
        Assert.That(Validate("Production", $"own-key, {DefaultKeyHash}", edcApiKey: "connector-key").Failed, Is.True);

    [Test]
    public void ShouldSucceed_WhenOnlyTheConnectorKeyIsTheDefault_AndClientsHaveTheirOwnKeys() =>
        Assert.That(Validate("Production", "own-key", edcApiKey: "password").Succeeded, Is.True);

    [Test]
    public void ShouldSucceed_WhenProductionClientsFallBackToAKeyOfTheirOwn() =>
        Assert.That(Validate("Production", apiKeys: null, edcApiKey: "a-real-connector-key").Succeeded, Is.True);

    [Test]
    public void ShouldNotFail_WhenTheDefaultKeyIsAllowedExplicitly() =>
        Assert.That(Validate("Production", apiKeys: "", allowDefaultKey: true).Failed, Is.False);

    [Test]
    public void ShouldNotFail_WhenTheEnvironmentIsDevelopment() =>
        Assert.That(Validate("Development", apiKeys: "password").Failed, Is.False);
}
