using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Security;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Infrastructure.Edc;
using DataOrchestrator.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Refit;

namespace DataOrchestrator.Infrastructure;

/// <summary>The EDC management API client: Refit, the connection handler, resilience per connector host, metrics per attempt.</summary>
internal static class EdcClientRegistration
{
    public static void AddEdcClient(this IServiceCollection services)
    {
        services.AddTransient<EdcConnectionHandler>();
        services.AddTransient<EdcMetricsHandler>();
        services.AddScoped<IEdcClient, RefitEdcClient>();
        var client = services.AddRefitGeneratedClient<IEdcManagementApi>(EdcJsonContext.Default)
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = EdcConnectionHandler.Placeholder;
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<EdcConnectionHandler>()
            .ConfigurePrimaryHttpMessageHandler(sp => GuardedConnections.Handler(
                sp.GetRequiredService<OutboundPolicy>(), p => p.Connectors, OutboundPolicy.ConnectorSetting, allowRedirects: false))
            .RemoveAllLoggers()
            .RedactLoggedHeaders(_ => true);
        client.AddResilienceHandler("edc-management", (pipeline, context) =>
                HttpResilience.AddResilience(pipeline, context.ServiceProvider, EdcRetryPolicy.ShouldRetry, RetryKind.EdcHttp))
            .SelectPipelineByAuthority();

        // Added after the resilience handler, so it runs inside it and sees every attempt.
        client.AddHttpMessageHandler<EdcMetricsHandler>();
    }
}
