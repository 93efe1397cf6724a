using DataOrchestrator.Application.Observability;
using Npgsql;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DataOrchestrator.Api.Observability;

/// <summary>
/// OpenTelemetry tracing, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or its traces-only variant) is
/// set; the exporter reads the standard <c>OTEL_*</c> variables itself. Without an endpoint nothing listens, so no span
/// is created at all: an unexported trace would cost CPU per item for nothing (docs/operations/tracing.md).
/// </summary>
internal static class TracingSetup
{
    public const string DefaultServiceName = "DataOrchestrator";

    public static IServiceCollection AddTracing(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) && string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]))
        {
            return services;
        }

        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing.AddServiceSources().AddOtlpExporter());
        return services;
    }

    /// <summary>
    /// What is traced: the service's own spans, ASP.NET Core requests (not health probes or scrapes), outbound HTTP
    /// calls and PostgreSQL commands. Outbound spans record the method, the URL with its query values redacted (the
    /// default of .NET and of the HTTP instrumentation) and the status; never headers or bodies.
    /// </summary>
    internal static TracerProviderBuilder AddServiceSources(this TracerProviderBuilder tracing) => tracing
        .AddSource(OrchestratorTracing.Name)
        .AddAspNetCoreInstrumentation(options => options.Filter = context =>
            !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
            && !context.Request.Path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase))
        .AddHttpClientInstrumentation()
        .AddNpgsql();
}
