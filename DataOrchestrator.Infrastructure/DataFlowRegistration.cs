using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Security;
using DataOrchestrator.Infrastructure.DataFlows;
using DataOrchestrator.Infrastructure.Security;
using DataOrchestrator.Application.Transfers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Infrastructure;

/// <summary>
/// The client of the control plane's signaling API (DPS callbacks): it lives with the connector, so it is held to
/// ALLOWED_CONNECTOR_HOSTS; transient failures retried (EDC accepts a repeated <c>completed</c>); nothing logged.
/// With DATAPLANE_AUTH=oauth2 every attempt carries the service's client credentials token, fetched at the token
/// endpoint (an operator's setting, so not held to the connector hosts) within REQUEST_TIMEOUT.
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
            .AddTunedResilience(SignalingRetryPolicy.ShouldRetry, RetryKind.EdcHttp)
            .AddHttpMessageHandler<SignalingTokenHandler>();
        services.AddSingleton<ClientCredentialsTokens>();
        services.AddTransient<SignalingTokenHandler>();
        services.AddHttpClient(ClientCredentialsTokens.HttpClientName)
            .UseRenewedConnections()
            .ConfigureHttpClient((provider, client) => client.Timeout = provider.GetRequiredService<IOptions<TransferOptions>>().Value.RequestTimeout)
            .RemoveAllLoggers()
            .RedactLoggedHeaders(_ => true);
    }
}
