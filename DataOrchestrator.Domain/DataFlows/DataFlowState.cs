namespace DataOrchestrator.Domain.DataFlows;

/// <summary>
/// The states of a Data Plane Signaling data flow (<c>signaling.md</c>, "Data Flow State Machine"); the wire names are
/// the member names in upper case (<see cref="Orchestrations.StatusNames"/>). COMPLETED and TERMINATED are final.
/// </summary>
public enum DataFlowState
{
    Initialized,
    Preparing,
    Prepared,
    Starting,
    Started,
    Suspended,
    Completed,
    Terminated,
}
