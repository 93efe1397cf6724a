using System.Net;
using DataOrchestrator.Tests.Support.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>
/// The shipped default key <c>password</c> is refused as a client key in Production, which is what an unset
/// <c>ASPNETCORE_ENVIRONMENT</c> means, unless allowed explicitly.
/// </summary>
public sealed class DefaultApiKeyTests
{
    /// <summary>The service's own defaults for keys: API_KEYS unset, EDC_API_KEY its shipped <c>password</c>.</summary>
    private static readonly Dictionary<string, string?> ShippedKeys = new()
    {
        ["API_KEYS"] = null, ["EDC_API_KEY"] = null, ["ALLOW_DEFAULT_API_KEY"] = null, ["SHUTDOWN_TIMEOUT"] = "0",
    };

    /// <summary>The same for the in-process harness, whose own defaults are keys of its own.</summary>
    private static readonly Dictionary<string, string?> ShippedKeySettings = new() { ["Auth:ApiKeys"] = "", ["Edc:ApiKey"] = "password" };

    private static Dictionary<string, string?> ShippedKeysWith(string variable, string value) => new(ShippedKeys) { [variable] = value };

    [Test]
    [CancelAfter(60_000)]
    public async Task ShouldRefuseToStart_WhenTheEnvironmentIsUnsetAndClientsUseTheDefaultKey(CancellationToken cancellationToken)
    {
        var (exitCode, output) = await ApiProcess.RunAsync(ShippedKeys, dotEnv: null, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(output, Does.Contain("Invalid configuration: API_KEYS is unset, so clients use EDC_API_KEY, and that is the shipped default key 'password'"));
            Assert.That(output, Does.Contain("environment is Production").And.Contain("ALLOW_DEFAULT_API_KEY=true"));
            Assert.That(output, Does.Not.Contain("Application started"));
        });
    }

    [TestCase("ALLOW_DEFAULT_API_KEY", "true")]
    [TestCase("ASPNETCORE_ENVIRONMENT", "Development")]
    [CancelAfter(60_000)]
    public async Task ShouldStartWithTheDefaultKey_WhenAllowedOrInDevelopment(string variable, string value, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await ApiProcess.RunAsync(ShippedKeysWith(variable, value), dotEnv: null, cancellationToken, stopAfterStart: true);

        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("Application started"));
            Assert.That(exitCode, Is.Zero, output);
        });
    }

    [Test]
    public async Task ShouldRunTheFunctionalTestsAsDevelopment_WhereTheDefaultKeyIsAccepted()
    {
        await using var harness = await ServiceHarness.StartAsync(ShippedKeySettings);
        using var client = harness.CreateClient("password");

        using var response = await client.GetAsync("/status");

        Assert.Multiple(() =>
        {
            Assert.That(harness.Factory.Services.GetRequiredService<IHostEnvironment>().EnvironmentName, Is.EqualTo(Environments.Development));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task ShouldAcceptTheDefaultKeyInProduction_WhenAllowedExplicitly()
    {
        await using var harness = await ServiceHarness.StartAsync(
            new Dictionary<string, string?>(ShippedKeySettings) { ["Auth:AllowDefaultKey"] = "true" }, environment: Environments.Production);
        using var client = harness.CreateClient("password");

        using var response = await client.GetAsync("/status");

        Assert.Multiple(() =>
        {
            Assert.That(harness.Factory.Services.GetRequiredService<IHostEnvironment>().IsProduction(), Is.True);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
