using System.Net;
using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Security;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Api.Signaling;

/// <summary>
/// ALLOWED_CONTROL_PLANE_HOSTS: the addresses signaling calls may come from. IP addresses and CIDR ranges are matched
/// as they are; a host name allows the addresses it resolves to (looked up again after a minute). Empty allows any.
/// </summary>
internal sealed class ControlPlaneHosts(IOptions<DataPlaneOptions> options, TimeProvider timeProvider)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly HostAllowList _list = HostAllowList.Parse(options.Value.AllowedControlPlaneHosts);
    private readonly string[] _names = (options.Value.AllowedControlPlaneHosts ?? string.Empty)
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(entry => !entry.Contains('/', StringComparison.Ordinal) && !IPAddress.TryParse(entry.Trim('[', ']'), out _) && !entry.StartsWith('*'))
        .ToArray();

    private (IPAddress[] Addresses, DateTimeOffset Until) _resolved = ([], DateTimeOffset.MinValue);

    public async Task<bool> AllowsAsync(IPAddress? remote, CancellationToken cancellationToken)
    {
        if (!_list.IsRestricted)
        {
            return true;
        }

        if (remote is null)
        {
            return false;
        }

        var plain = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        if (_list.AllowsAddress(plain))
        {
            return true;
        }

        return (await ResolvedAsync(cancellationToken)).Any(address => address.Equals(plain));
    }

    private async Task<IPAddress[]> ResolvedAsync(CancellationToken cancellationToken)
    {
        var resolved = _resolved;
        if (_names.Length == 0 || resolved.Until > timeProvider.GetUtcNow())
        {
            return resolved.Addresses;
        }

        var addresses = new List<IPAddress>();
        foreach (var name in _names)
        {
            try
            {
                addresses.AddRange(await Dns.GetHostAddressesAsync(name, cancellationToken));
            }
            catch (System.Net.Sockets.SocketException)
            {
                // A name that does not resolve allows nothing, until it does.
            }
        }

        var mapped = addresses.Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).ToArray();
        _resolved = (mapped, timeProvider.GetUtcNow() + Lifetime);
        return mapped;
    }
}
