using DataOrchestrator.Domain.DataFlows;

namespace DataOrchestrator.Application.DataFlows;

/// <summary>How a signal went: applied (or an allowed repeat), unknown flow, or not allowed in the flow's state.</summary>
public sealed record SignalResult(SignalStatus Status, DataFlow? Flow, string? Reason = null)
{
    public static SignalResult NotFound(string processId) => new(SignalStatus.NotFound, null, $"No data flow {processId} is known to this data plane.");

    public static SignalResult Done(DataFlow flow) => new(SignalStatus.Done, flow);
}
