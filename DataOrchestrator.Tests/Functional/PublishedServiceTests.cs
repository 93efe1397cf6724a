using System.Net;
using System.Text.Json;
using System.Reflection.PortableExecutable;
using DataOrchestrator.Testing.Processes;
using DataOrchestrator.Tests.Support;

namespace DataOrchestrator.Tests.Functional;

/// <summary>
/// The service as the README and demo.sh run it: published by scripts/publish-service.sh, ReadyToRun, so that a fresh
/// process works at full speed within seconds rather than after half a minute of JIT compilation (issue 17; the cold
/// start rows of docs/benchmarks.md), with quick JIT and Dynamic PGO off. test.sh publishes before the tests run, so
/// the publish here is an up-to-date check.
/// </summary>
public sealed class PublishedServiceTests
{
    private static readonly string Output = Path.Combine(RepositoryPaths.Root, "build", "service");

    [Test]
    public async Task ShouldPublishTheServicesOwnAssemblies_CompiledAheadOfTime_AndStartFromThere()
    {
        var publish = await ProgramRunner.RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "publish-service.sh")], timeout: TimeSpan.FromMinutes(5));
        Assert.That(publish.ExitCode, Is.Zero, publish.Output);

        foreach (var assembly in new[] { "Api", "Application", "Infrastructure", "Domain" })
        {
            using var reader = new PEReader(File.OpenRead(Path.Combine(Output, $"DataOrchestrator.{assembly}.dll")));
            Assert.That(reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size, Is.Positive, $"DataOrchestrator.{assembly}.dll has no ReadyToRun code");
        }

        // What has no ahead-of-time code is compiled optimised once, and hot code is not profiled first
        // (docs/benchmarks.md, cold start).
        using var runtimeConfig = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Output, "DataOrchestrator.Api.runtimeconfig.json")));
        var properties = runtimeConfig.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.That(properties.GetProperty("System.Runtime.TieredCompilation.QuickJit").GetBoolean(), Is.False);
        Assert.That(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean(), Is.False);

        await using var service = await ServiceProcess.StartAsync(new ServiceProcessOptions
        {
            Name = "published",
            Dll = Path.Combine(Output, "DataOrchestrator.Api.dll"),
            Environment = new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = null, ["ALLOW_DEFAULT_API_KEY"] = "true", ["LOG_DIR"] = null },
            ReadyPath = "/health/live",
            ApiKey = "password",
        });
        using var status = await service.Client.GetAsync("/status");
        Assert.That(status.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
