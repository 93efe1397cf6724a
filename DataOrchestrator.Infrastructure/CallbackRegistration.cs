using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Application.Security;
using DataOrchestrator.Infrastructure.Callbacks;
using DataOrchestrator.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace DataOrchestrator.Infrastructure;

/// <summary>Completion callbacks: the dispatcher (a hosted service), the body serializer and the HTTP client.</summary>
internal static class CallbackRegistration
{
    /// <summary>
    /// The dispatcher and its HTTP client: one attempt per request, no resilience handler (retries are scheduled in the
    /// store so they survive restarts, ADR 0008), redirects not followed, nothing about the requests logged.
    /// </summary>
    public static void AddCallbacks(this IServiceCollection services)
    {
        services.AddSingleton<CallbackDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<CallbackDispatcher>());
        services.AddSingleton<IStatusEntrySerializer, StatusEntrySerializer>();
        services.AddHttpClient<ICallbackSender, HttpCallbackSender>(HttpCallbackSender.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .UseGuardedConnections(p => p.Callbacks, OutboundPolicy.CallbackSetting, allowRedirects: false)
            .RemoveAllLoggers()
            .RedactLoggedHeaders(_ => true);
    }
}
