namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>Stages of one item's PULL pipeline, in the order an item moves through them.</summary>
public enum ItemStatus
{
    Queued = 0,
    NegotiationRequested = 1,
    Negotiated = 2,
    TransferRequested = 3,
    TransferStarted = 4,
    DataAddressRetrieved = 5,
    Downloading = 6,
    Saved = 7,
    Failed = 8,

    /// <summary>Stopped by the client's cancel; its transfer, if it had one, was terminated on the connector.</summary>
    Cancelled = 9,
}
