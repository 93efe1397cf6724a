using Microsoft.Extensions.DependencyInjection;

namespace DataOrchestrator.Infrastructure;

/// <summary>
/// For HTTP clients to operator-configured endpoints (no outbound guard): the same handler lifetime as the guarded
/// clients (<see cref="Security.GuardedConnections"/>), pooled connections renewed every two minutes and no rotation by
/// the factory, whose timers keep a disposed host reachable for minutes (ADR 0010).
/// </summary>
public static class PooledConnections
{
    public static IHttpClientBuilder UseRenewedConnections(this IHttpClientBuilder builder) =>
        builder
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
}
