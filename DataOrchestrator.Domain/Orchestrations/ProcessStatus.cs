namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>The status of a whole orchestration, derived from its items.</summary>
/// <remarks>Stored and sent by name (the wire name follows from it, <see cref="StatusNames"/>), never by number.</remarks>
public enum ProcessStatus
{
    Queued,

    /// <summary>An unfinished item waits for its connector, and none is less advanced.</summary>
    WaitingForConnector,
    CatalogRequested,
    NegotiationRequested,
    Negotiated,
    TransferRequested,
    TransferStarted,
    DataAddressRetrieved,
    Downloading,
    Completed,
    PartiallyCompleted,
    Failed,
    Cancelled,
}
