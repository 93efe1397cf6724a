namespace DataOrchestrator.EdcSimulator.Hosting;

/// <summary>How the simulated data plane expects the EDR token in the <c>Authorization</c> header.</summary>
public static class DataPlaneTokenSchemes
{
    /// <summary>
    /// EDC ≤0.18: the raw token. No header answers 401, a <c>Bearer </c> value 403.
    /// </summary>
    public const string Raw = "raw";

    /// <summary>Newer data planes (EDC main, Data Plane Signaling): <c>Bearer &lt;token&gt;</c>; a raw token answers 401.</summary>
    public const string Bearer = "bearer";

    /// <summary>Lower-cases and checks a scheme name; throws ArgumentException for unknown ones.</summary>
    internal static string Normalize(string scheme)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scheme);
        var normalised = scheme.Trim().ToLowerInvariant();
        return normalised is Raw or Bearer
            ? normalised
            : throw new ArgumentException(
                $"Unknown data plane token scheme '{scheme}'; use {Raw} or {Bearer}", nameof(scheme));
    }
}
