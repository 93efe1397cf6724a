namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>The status of a whole orchestration, derived from its items.</summary>
public enum ProcessStatus
{
    Queued = 0,
    NegotiationRequested = 1,
    Negotiated = 2,
    TransferRequested = 3,
    TransferStarted = 4,
    DataAddressRetrieved = 5,
    Downloading = 6,
    Completed = 7,
    PartiallyCompleted = 8,
    Failed = 9,
    Cancelled = 10,
}
