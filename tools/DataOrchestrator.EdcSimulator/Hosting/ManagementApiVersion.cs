using System.Collections.Frozen;

namespace DataOrchestrator.EdcSimulator.Hosting;

/// <summary>
/// The management API versions the simulator can serve. EDC 0.17/0.18 serve both; EDC main after the v3 removal
/// serves v4 only. <c>/v3/edrs</c> is never switched off: EDC has no <c>/v4/edrs</c> in those releases.
/// </summary>
public static class ManagementApiVersion
{
    /// <summary>Management API v3 (EDC 0.7 – 0.18): /v3/transferprocesses, /v3/contractnegotiations.</summary>
    public const string V3 = "v3";

    /// <summary>Management API v4 (stable from EDC 0.17): /v4/transferprocesses, /v4/contractnegotiations.</summary>
    public const string V4 = "v4";

    /// <summary>Both versions, the default.</summary>
    public static IReadOnlySet<string> All { get; } = new[] { V3, V4 }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Lower-cases and checks a set of version names; throws ArgumentException for unknown ones.</summary>
    internal static FrozenSet<string> Normalize(IEnumerable<string> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var normalised = versions.Select(version => version.Trim().ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);
        var unknown = normalised.Where(version => version is not (V3 or V4)).ToArray();
        return unknown.Length == 0
            ? normalised
            : throw new ArgumentException(
                $"Unknown management API version(s) {string.Join(", ", unknown)}; use {V3} and/or {V4}", nameof(versions));
    }
}
