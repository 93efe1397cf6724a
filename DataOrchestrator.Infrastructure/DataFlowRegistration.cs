using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Security;
using DataOrchestrator.Infrastructure.DataFlows;
using DataOrchestrator.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace DataOrchestrator.Infrastructure;

/// <summary>
/// The client of the control plane's signaling API (DPS callbacks): it lives with the connector, so it is held to
/// ALLOWED_CONNECTOR_HOSTS; transient failures retried (EDC accepts a repeated <c>completed</c>); nothing logged.
/// </summary>
internal static class DataFlowRegistration
{
    public static void AddDataFlowClient(this IServiceCollection services)
    {
        services.AddHttpClient<IControlPlaneSignaling, HttpControlPlaneSignaling>(HttpControlPlaneSignaling.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .UseGuardedConnections(p => p.Connectors, OutboundPolicy.ConnectorSetting, allowRedirects: false)
            .RemoveAllLoggers()
            .RedactLoggedHeaders(_ => true)
            .AddTunedResilience(SignalingRetryPolicy.ShouldRetry, RetryKind.EdcHttp);
    }
}
