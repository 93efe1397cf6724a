namespace DataOrchestrator.EdcSimulator.Hosting;

/// <summary>
/// Which consumer control plane the simulator plays for Data Plane Signaling (DPS) transfers: none (the EDR-cache
/// flow), EDC 0.18.0 (spec RC2 field names, <c>callbackAddress</c>, v3 still served) or EDC main (RC3, no v3 at all).
/// </summary>
public static class DpsShapes
{
    /// <summary>No DPS: v4 transfers run the EDR-cache timeline as before (the default).</summary>
    public const string Off = "off";

    /// <summary>EDC 0.18.0: prepare carries <c>transferType</c> and <c>callbackAddress</c>; Management API v3 stays.</summary>
    public const string V018 = "0.18";

    /// <summary>EDC main: prepare carries <c>profile</c> and a null <c>callbackAddress</c>; every /v3 path answers 404.</summary>
    public const string Main = "main";

    /// <summary>Lower-cases and checks a shape name; throws ArgumentException for unknown ones.</summary>
    internal static string Normalize(string shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shape);
        var normalised = shape.Trim().ToLowerInvariant();
        return normalised is Off or V018 or Main
            ? normalised
            : throw new ArgumentException($"Unknown DPS shape '{shape}'; use {Off}, {V018} or {Main}", nameof(shape));
    }
}
