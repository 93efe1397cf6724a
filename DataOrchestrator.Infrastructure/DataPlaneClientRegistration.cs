using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Security;
using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Infrastructure.DataPlane;
using DataOrchestrator.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace DataOrchestrator.Infrastructure;

/// <summary>The data plane client: redirects followed (each hop re-checked), resilience per data plane host.</summary>
internal static class DataPlaneClientRegistration
{
    public static void AddDataPlaneClient(this IServiceCollection services)
    {
        services.AddHttpClient<IDataPlaneClient, HttpDataPlaneClient>(HttpDataPlaneClient.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .UseGuardedConnections(p => p.DataPlanes, OutboundPolicy.DataPlaneSetting, allowRedirects: true)
            .RemoveAllLoggers()
            .RedactLoggedHeaders(_ => true)
            .AddTunedResilience(args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome)), RetryKind.DataPlaneHttp);
    }
}
