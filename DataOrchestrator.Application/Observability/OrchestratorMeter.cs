namespace DataOrchestrator.Application.Observability;

/// <summary>The name of the service's own <see cref="System.Diagnostics.Metrics.Meter"/>; every instrument of ours lives in it.</summary>
public static class OrchestratorMeter
{
    public const string Name = "DataOrchestrator";
}
