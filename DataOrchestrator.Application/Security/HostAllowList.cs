using System.Net;
using System.Net.Sockets;

namespace DataOrchestrator.Application.Security;

/// <summary>
/// Which hosts the service may call for one purpose: exact names (<c>edc.example.com</c>), subdomain wildcards
/// (<c>*.example.com</c>), IP addresses and CIDR ranges (<c>10.0.0.0/8</c>, <c>fd00::/8</c>). An empty list allows any.
/// </summary>
public sealed class HostAllowList
{
    private static readonly IPNetwork LinkLocalV4 = IPNetwork.Parse("169.254.0.0/16");
    private static readonly IPAddress Ec2MetadataV6 = IPAddress.Parse("fd00:ec2::254");

    private readonly HashSet<string> _names;
    private readonly string[] _suffixes;
    private readonly IPNetwork[] _ranges;

    private HostAllowList(HashSet<string> names, string[] suffixes, IPNetwork[] ranges)
    {
        _names = names;
        _suffixes = suffixes;
        _ranges = ranges;
    }

    public static HostAllowList Unrestricted { get; } = new([], [], []);

    /// <summary>Any entry at all: hosts outside it are refused.</summary>
    public bool IsRestricted => _names.Count > 0 || _suffixes.Length > 0 || _ranges.Length > 0;

    /// <summary>Parses a comma-separated list; throws <see cref="FormatException"/> naming the first bad entry.</summary>
    public static HostAllowList Parse(string? list)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var suffixes = new List<string>();
        var ranges = new List<IPNetwork>();
        foreach (var entry in (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal))
            {
                ranges.Add(ParseRange(entry));
            }
            else if (IPAddress.TryParse(entry.Trim('[', ']'), out var address))
            {
                ranges.Add(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else if (entry.StartsWith("*.", StringComparison.Ordinal) && IsHostName(entry[2..]))
            {
                suffixes.Add(entry[1..].ToLowerInvariant());
            }
            else if (IsHostName(entry))
            {
                names.Add(entry);
            }
            else
            {
                throw new FormatException($"'{entry}' is neither a host name, *.domain, an IP address nor a CIDR range.");
            }
        }

        return new HostAllowList(names, [.. suffixes], [.. ranges]);
    }

    /// <summary>The host as written in a URL: a listed name, a name under a listed wildcard, or an address in a listed range.</summary>
    public bool AllowsHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (!IsRestricted)
        {
            return true;
        }

        var bare = host.Trim('[', ']');
        return IPAddress.TryParse(bare, out var address)
            ? AllowsAddress(address)
            : _names.Contains(bare) || _suffixes.Any(s => bare.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>An address the host resolved to: in a listed range (names are checked with <see cref="AllowsHost"/>).</summary>
    public bool AllowsAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = Plain(address);
        return !IsRestricted || _ranges.Any(r => r.Contains(plain));
    }

    /// <summary>Link-local addresses, where cloud metadata services live (169.254.169.254, fd00:ec2::254 included).</summary>
    public static bool IsLinkLocalOrMetadata(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = Plain(address);
        return LinkLocalV4.Contains(plain) || plain.IsIPv6LinkLocal || plain.Equals(Ec2MetadataV6);
    }

    /// <summary>
    /// An IPv4-mapped IPv6 address (<c>::ffff:10.1.2.3</c>) is judged as the IPv4 address it carries, so an IPv4 range
    /// covers it; done here rather than left to <see cref="IPNetwork.Contains"/>, whose answer for mapped addresses
    /// differs between .NET versions.
    /// </summary>
    private static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>
    /// A CIDR range as <see cref="IPNetwork.TryParse(string, out IPNetwork)"/> reads it. An address with bits set after
    /// the prefix stands for its network (<c>10.0.0.1/8</c> allows all of 10.0.0.0/8), so lists written for earlier
    /// releases keep working; .NET 10 masks those bits where .NET 8 and 9 refused the range, so a unit test pins it.
    /// The prefix is plain digits: a sign or a space inside it (<c>10.0.0.0/ 8</c>) is refused.
    /// </summary>
    private static IPNetwork ParseRange(string entry) =>
        IPNetwork.TryParse(entry, out var range)
            ? range
            : throw new FormatException($"'{entry}' is not a CIDR range such as 10.0.0.0/8.");

    private static bool IsHostName(string value) => Uri.CheckHostName(value) == UriHostNameType.Dns;
}
