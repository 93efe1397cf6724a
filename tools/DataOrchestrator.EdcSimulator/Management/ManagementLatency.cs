using DataOrchestrator.EdcSimulator.Scenarios;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>Simulated connector response time: the agreement's (or offer's) latencyMs, else the global default.</summary>
internal static class ManagementLatency
{
    public static Task ApplyAsync(SimulatorState state, AgreementBehaviour? behaviour, CancellationToken ct) =>
        ApplyAsync(state, behaviour?.LatencyMs, ct);

    public static Task ApplyAsync(SimulatorState state, int? latencyMs, CancellationToken ct)
    {
        var delay = latencyMs is { } ms ? TimeSpan.FromMilliseconds(ms) : state.DefaultLatency;
        return delay > TimeSpan.Zero ? Task.Delay(delay, state.TimeProvider, ct) : Task.CompletedTask;
    }
}
