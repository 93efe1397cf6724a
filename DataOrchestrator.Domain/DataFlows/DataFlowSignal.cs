namespace DataOrchestrator.Domain.DataFlows;

/// <summary>What the control plane (or the service itself) tells a data flow.</summary>
public enum DataFlowSignal
{
    Prepare,
    Started,
    Suspend,
    Resume,
    Terminate,
    Completed,
}
