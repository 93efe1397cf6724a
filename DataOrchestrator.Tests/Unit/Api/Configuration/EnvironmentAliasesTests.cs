using System.Collections;
using DataOrchestrator.Api.Configuration;
using Microsoft.Extensions.Configuration;

namespace DataOrchestrator.Tests.Unit.Api.Configuration;

/// <summary>The original's environment variables, read onto the configuration sections.</summary>
public sealed class EnvironmentAliasesTests
{
    [Test]
    public void ShouldMapTheOriginalsEnvironmentVariablesOntoSections()
    {
        IDictionary environment = new Hashtable { ["EDC_API_KEY"] = "k", ["REQUEST_TIMEOUT"] = "9", ["DATA_STORAGE_PATH"] = "/srv/data", ["DATA_ADDRESS_MAX_RETRIES"] = "5", ["METRICS_ENABLED"] = "false",
            ["MAX_DOWNLOAD_BYTES"] = "1048576", ["MIN_FREE_DISK_BYTES"] = "0",
        };
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Edc:ApiKey"] = "from-appsettings" })
            .AddEnvironmentAliases(environment)
            .Build();

        Assert.Multiple(() =>
        {
            Assert.That(configuration["Edc:ApiKey"], Is.EqualTo("k"));
            Assert.That(configuration["Edc:RequestTimeoutSeconds"], Is.EqualTo("9"));
            Assert.That(configuration["Storage:DataPath"], Is.EqualTo("/srv/data"));
            Assert.That(configuration["Edc:DataAddressMaxRetries"], Is.EqualTo("5"));
            Assert.That(configuration["Metrics:Enabled"], Is.EqualTo("false"));
            Assert.That(configuration["Storage:MaxDownloadBytes"], Is.EqualTo("1048576"));
            Assert.That(configuration["Storage:MinFreeBytes"], Is.EqualTo("0"));
        });
    }

    [Test]
    public void ShouldMapTheSecuritySettingsOntoSections()
    {
        IDictionary environment = new Hashtable
        {
            ["ALLOW_DEFAULT_API_KEY"] = "true", ["SWAGGER_UI"] = "false", ["OPENAPI_DOCUMENT"] = "false", ["DASHBOARD_ENABLED"] = "false",
            ["RATE_LIMIT_PER_SECOND"] = "7", ["RATE_LIMIT_BURST"] = "9", ["MAX_JSON_DEPTH"] = "20",
        };
        var configuration = new ConfigurationBuilder().AddEnvironmentAliases(environment).Build();

        Assert.Multiple(() =>
        {
            Assert.That(configuration["Auth:AllowDefaultKey"], Is.EqualTo("true"));
            Assert.That(configuration["OpenApi:SwaggerUi"], Is.EqualTo("false"));
            Assert.That(configuration["OpenApi:Document"], Is.EqualTo("false"));
            Assert.That(configuration["Dashboard:Enabled"], Is.EqualTo("false"));
            Assert.That(configuration["RateLimit:PermitsPerSecond"], Is.EqualTo("7"));
            Assert.That(configuration["RateLimit:Burst"], Is.EqualTo("9"));
            Assert.That(configuration["Limits:MaxJsonDepth"], Is.EqualTo("20"));
        });
    }
}
