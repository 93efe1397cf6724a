namespace DataOrchestrator.EdcSimulator.Control;

/// <summary>Body of <c>PUT /_sim/dps</c> and answer of <c>GET /_sim/dps</c>: <c>{"shape":"0.18"}</c> (off, 0.18 or main).</summary>
public sealed record DpsSetting(string Shape);
