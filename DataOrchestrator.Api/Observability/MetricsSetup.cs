using System.Diagnostics.Metrics;
using DataOrchestrator.Application.Observability;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace DataOrchestrator.Api.Observability;

/// <summary>OpenTelemetry metrics with a Prometheus scraping endpoint at <c>/metrics</c>, behind the client API key.</summary>
internal static class MetricsSetup
{
    public static IServiceCollection AddMetricsExporter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (!(configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions()).Enabled)
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(OrchestratorMeter.Name))
            .WithMetrics(metrics => metrics
                .AddMeter(OrchestratorMeter.Name)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        services.ConfigureOpenTelemetryMeterProvider((provider, metrics) => metrics.AddView(OnlyFrom(provider.GetRequiredService<IMeterFactory>())));
        return services;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            // Not a controller, so not in the OpenAPI document; and scrapes are not counted as API requests.
            app.MapPrometheusScrapingEndpoint().RequireAuthorization().DisableHttpMetrics().ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>
    /// A meter listener sees every meter of the process with a matching name, including those of other hosts in it
    /// (test hosts, say). Instruments created through another host's meter factory are dropped; static meters (the
    /// runtime's) have no factory and are kept.
    /// </summary>
    internal static Func<Instrument, MetricStreamConfiguration?> OnlyFrom(IMeterFactory own) =>
        instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own) ? null : MetricStreamConfiguration.Drop;
}
