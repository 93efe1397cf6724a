using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Security;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Infrastructure.Edc;
using DataOrchestrator.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace DataOrchestrator.Infrastructure;

/// <summary>The EDC management API client: Refit, the connection handler, resilience per connector host, metrics per attempt.</summary>
internal static class EdcClientRegistration
{
    public static void AddEdcClient(this IServiceCollection services)
    {
        services.AddTransient<EdcConnectionHandler>();
        services.AddTransient<EdcMetricsHandler>();
        services.AddTransient<ResponseBufferingHandler>();
        services.AddScoped<IEdcClient, RefitEdcClient>();
        var client = services.AddRefitGeneratedClient<IEdcManagementApi>(EdcJsonContext.Default)
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = EdcConnectionHandler.Placeholder;
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<EdcConnectionHandler>()
            .UseGuardedConnections(p => p.Connectors, OutboundPolicy.ConnectorSetting, allowRedirects: false)
            .RemoveAllLoggers()
            .RedactLoggedHeaders(_ => true);
        client.AddTunedResilience(EdcRetryPolicy.ShouldRetry, RetryKind.EdcHttp, EdcRetryPolicy.IsConnectorFailure);

        // Added after the resilience handler, so they run inside it: metrics see every attempt, and an answer cut off
        // after its headers fails the attempt (and is retried) instead of the call.
        client.AddHttpMessageHandler<EdcMetricsHandler>();
        client.AddHttpMessageHandler<ResponseBufferingHandler>();
    }
}
