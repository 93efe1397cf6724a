using System.Net;
using System.Net.Sockets;

namespace DataOrchestrator.Application.Security;

/// <summary>
/// Which hosts the service may call for one purpose: exact names (<c>edc.example.com</c>), subdomain wildcards
/// (<c>*.example.com</c>), IP addresses and CIDR ranges (<c>10.0.0.0/8</c>, <c>fd00::/8</c>). An empty list allows any.
/// </summary>
public sealed class HostAllowList
{
    private readonly HashSet<string> _names;
    private readonly string[] _suffixes;
    private readonly (IPAddress Network, int PrefixLength)[] _ranges;

    private HostAllowList(HashSet<string> names, string[] suffixes, (IPAddress, int)[] ranges)
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
        var ranges = new List<(IPAddress, int)>();
        foreach (var entry in (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal))
            {
                ranges.Add(ParseRange(entry));
            }
            else if (IPAddress.TryParse(entry.Trim('[', ']'), out var address))
            {
                ranges.Add((address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
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
        return !IsRestricted || _ranges.Any(r => InRange(address, r.Network, r.PrefixLength));
    }

    /// <summary>Link-local addresses, where cloud metadata services live (169.254.169.254, fd00:ec2::254 included).</summary>
    public static bool IsLinkLocalOrMetadata(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return InRange(plain, IPAddress.Parse("169.254.0.0"), 16)
            || plain.IsIPv6LinkLocal
            || plain.Equals(IPAddress.Parse("fd00:ec2::254"));
    }

    internal static bool InRange(IPAddress address, IPAddress network, int prefixLength)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (plain.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        var bytes = plain.GetAddressBytes();
        var networkBytes = network.GetAddressBytes();
        var fullBytes = prefixLength / 8;
        if (!bytes.AsSpan(0, fullBytes).SequenceEqual(networkBytes.AsSpan(0, fullBytes)))
        {
            return false;
        }

        var remainingBits = prefixLength % 8;
        if (remainingBits == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - remainingBits));
        return (bytes[fullBytes] & mask) == (networkBytes[fullBytes] & mask);
    }

    private static (IPAddress, int) ParseRange(string entry)
    {
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(entry[..slash], out var network) || !int.TryParse(entry[(slash + 1)..], out var prefix)
            || prefix < 0 || prefix > (network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
        {
            throw new FormatException($"'{entry}' is not a CIDR range such as 10.0.0.0/8.");
        }

        return (network, prefix);
    }

    private static bool IsHostName(string value) => Uri.CheckHostName(value) == UriHostNameType.Dns;
}
