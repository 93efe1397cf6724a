using DataOrchestrator.Api.Observability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace DataOrchestrator.Tests.Unit.Api.Observability;

/// <summary>Tracing is switched on by an OTLP endpoint only: without one no tracer provider listens, so no span is made.</summary>
public sealed class TracingSetupTests
{
    private static TracerProvider? ProviderFor(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddTracing(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetService<TracerProvider>();
    }

    [Test]
    public void ShouldRegisterNoTracerProvider_WhenNoOtlpEndpointIsSet()
    {
        Assert.That(ProviderFor([]), Is.Null);
    }

    [TestCase("OTEL_EXPORTER_OTLP_ENDPOINT")]
    [TestCase("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")]
    public void ShouldRegisterTracerProvider_WhenAnOtlpEndpointIsSet(string variable)
    {
        Assert.That(ProviderFor(new() { [variable] = "http://127.0.0.1:4317" }), Is.Not.Null);
    }
}
