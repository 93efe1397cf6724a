namespace DataOrchestrator.Application.DataFlows;

public enum SignalStatus
{
    Done,
    NotFound,
    Conflict,
}
