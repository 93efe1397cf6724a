namespace DataOrchestrator.EdcSimulator.Control;

/// <summary>Body of <c>PUT /_sim/latency</c> and answer of <c>GET /_sim/latency</c>: <c>{"latencyMs":20}</c>.</summary>
public sealed record LatencySetting(int LatencyMs);
