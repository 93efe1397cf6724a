namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>Stages of one item's PULL pipeline, in the order an item moves through them.</summary>
public enum ItemStatus
{
    Queued = 0,
    TransferRequested = 1,
    TransferStarted = 2,
    DataAddressRetrieved = 3,
    Downloading = 4,
    Saved = 5,
    Failed = 6,
}
