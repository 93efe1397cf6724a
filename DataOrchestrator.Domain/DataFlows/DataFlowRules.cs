namespace DataOrchestrator.Domain.DataFlows;

/// <summary>
/// The state machine of <c>signaling.md</c> for a consumer data plane: prepare, then started (with the pull address),
/// suspend and resume while started, completed from started, terminate from anywhere but the final states. Repeating
/// the signal that led to the current state is allowed and changes nothing (a control plane may retry).
/// </summary>
public static class DataFlowRules
{
    /// <summary>The state <paramref name="signal"/> moves <paramref name="current"/> to, or null when it may not.</summary>
    public static DataFlowState? After(DataFlowState current, DataFlowSignal signal) => (signal, current) switch
    {
        (DataFlowSignal.Prepare, DataFlowState.Initialized or DataFlowState.Preparing or DataFlowState.Prepared) => DataFlowState.Prepared,
        (DataFlowSignal.Started, DataFlowState.Initialized or DataFlowState.Preparing or DataFlowState.Prepared or DataFlowState.Starting) => DataFlowState.Started,
        (DataFlowSignal.Suspend, DataFlowState.Started or DataFlowState.Suspended) => DataFlowState.Suspended,
        (DataFlowSignal.Resume, DataFlowState.Suspended or DataFlowState.Started) => DataFlowState.Started,
        (DataFlowSignal.Completed, DataFlowState.Started or DataFlowState.Completed) => DataFlowState.Completed,
        (DataFlowSignal.Terminate, not DataFlowState.Completed) => DataFlowState.Terminated,
        _ => null,
    };
}
