using System.Net;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Security;

/// <summary>
/// The allow-lists for each kind of outbound call, and the refusal of link-local and metadata addresses. Checked on the
/// URL when it arrives (a clear 400 or item error) and again on every connection (names resolved, redirects included).
/// </summary>
public sealed class OutboundPolicy(IOptions<OutboundOptions> options)
{
    public const string ConnectorSetting = "ALLOWED_CONNECTOR_HOSTS";
    public const string DataPlaneSetting = "ALLOWED_DATA_PLANE_HOSTS";
    public const string CallbackSetting = "ALLOWED_CALLBACK_HOSTS";

    public HostAllowList Connectors { get; } = HostAllowList.Parse(options.Value.ConnectorHosts);

    public HostAllowList DataPlanes { get; } = HostAllowList.Parse(options.Value.DataPlaneHosts);

    public HostAllowList Callbacks { get; } = HostAllowList.Parse(options.Value.CallbackHosts);

    public bool AllowLinkLocal => options.Value.AllowLinkLocal;

    /// <summary>Why the service must not call <paramref name="url"/> under <paramref name="list"/>, or null when it may.</summary>
    public string? Check(Uri url, HostAllowList list, string setting)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(list);
        var host = url.IdnHost.Trim('[', ']');
        if (!AllowLinkLocal && IPAddress.TryParse(host, out var address) && HostAllowList.IsLinkLocalOrMetadata(address))
        {
            return $"Host {host} is a link-local or metadata address, which the service does not call (ALLOW_LINK_LOCAL_TARGETS).";
        }

        return list.AllowsHost(host) ? null : $"Host {host} is not in {setting}.";
    }

    /// <summary>Whether a connection to <paramref name="address"/>, resolved from <paramref name="host"/>, may be made.</summary>
    public bool MayConnect(string host, IPAddress address, HostAllowList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return (AllowLinkLocal || !HostAllowList.IsLinkLocalOrMetadata(address)) && (list.AllowsHost(host) || list.AllowsAddress(address));
    }
}
