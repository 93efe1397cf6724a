namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>The status of a whole orchestration, derived from its items.</summary>
public enum ProcessStatus
{
    Queued = 0,
    TransferRequested = 1,
    TransferStarted = 2,
    DataAddressRetrieved = 3,
    Downloading = 4,
    Completed = 5,
    PartiallyCompleted = 6,
    Failed = 7,
}
