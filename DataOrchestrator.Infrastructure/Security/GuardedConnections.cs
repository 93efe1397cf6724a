using System.Net;
using System.Net.Sockets;
using DataOrchestrator.Application.Security;
using Microsoft.Extensions.DependencyInjection;

namespace DataOrchestrator.Infrastructure.Security;

/// <summary>
/// Primary handlers whose every connection is checked after name resolution: a host must be on the allow-list (by name,
/// or by an address in a listed range) and must not resolve to a link-local or metadata address. Because the check sits
/// on the connection, a redirect, or a name that resolves somewhere unexpected, cannot get around it.
/// </summary>
internal static class GuardedConnections
{
    /// <summary>
    /// The client's primary handler is a guarded <see cref="SocketsHttpHandler"/>. Its pooled connections are renewed
    /// every two minutes (so DNS changes are seen), which makes the factory's own handler rotation redundant: that
    /// rotation is off. Each rotation arms a timer that keeps the handler's DI scope, and so the whole host, reachable
    /// for two minutes and more after the host is disposed (dotnet/runtime#113494), which adds up in a process that
    /// runs many hosts, such as the tests'.
    /// </summary>
    public static IHttpClientBuilder UseGuardedConnections(
        this IHttpClientBuilder builder, Func<OutboundPolicy, HostAllowList> list, string setting, bool allowRedirects) =>
        builder
            .ConfigurePrimaryHttpMessageHandler(sp => Handler(sp.GetRequiredService<OutboundPolicy>(), list, setting, allowRedirects))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

    public static SocketsHttpHandler Handler(OutboundPolicy policy, Func<OutboundPolicy, HostAllowList> list, string setting, bool allowRedirects) => new()
    {
        AllowAutoRedirect = allowRedirects,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(policy, list(policy), setting, context, cancellationToken),
    };

    internal static async ValueTask<Stream> ConnectAsync(
        OutboundPolicy policy, HostAllowList list, string setting, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => policy.MayConnect(host, a, list)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(
                $"Connection to {host} refused by the service's outbound policy: not in {setting}, or a link-local or metadata address.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
