namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>
/// The Dataspace Protocol version a provider speaks, read from the end of its DSP address: EDC serves each version
/// under its own path, and a transfer request must name the version of the address it targets.
/// </summary>
public static class DspProtocols
{
    public const string Dsp08 = "dataspace-protocol-http";
    public const string Dsp2024 = "dataspace-protocol-http:2024/1";
    public const string Dsp2025 = "dataspace-protocol-http:2025-1";

    /// <summary>The protocol for a <c>counterPartyAddress</c>, or null when its path names no known version.</summary>
    public static string? Infer(string counterPartyAddress)
    {
        if (!Uri.TryCreate(counterPartyAddress, UriKind.Absolute, out var uri))
        {
            return null;
        }

        // EDC serves DSP at /api/dsp, Tractus-X EDC at /api/v1/dsp; the version follows the "/dsp" segment.
        var path = uri.AbsolutePath.TrimEnd('/');
        return path.EndsWith("/dsp/2025-1", StringComparison.OrdinalIgnoreCase) ? Dsp2025
            : path.EndsWith("/dsp/2024/1", StringComparison.OrdinalIgnoreCase) ? Dsp2024
            : path.EndsWith("/dsp", StringComparison.OrdinalIgnoreCase) ? Dsp08
            : null;
    }
}
