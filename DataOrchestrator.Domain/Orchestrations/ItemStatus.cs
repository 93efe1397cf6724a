namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>Stages of one item's PULL pipeline, in the order an item moves through them.</summary>
/// <remarks>Stored and sent by name (the wire name follows from it, <see cref="StatusNames"/>), never by number.</remarks>
public enum ItemStatus
{
    Queued,

    /// <summary>
    /// Its consumer connector could not be reached (or its calls are paused: circuit open); the item goes on from where
    /// it stopped at <see cref="OrchestrationItem.NextAttemptAt"/>, holding no worker meanwhile.
    /// </summary>
    WaitingForConnector,

    /// <summary>An <c>edc-catalog</c> item: the provider's dataset is asked for, an offer chosen, an agreement looked up.</summary>
    CatalogRequested,
    NegotiationRequested,
    Negotiated,
    TransferRequested,
    TransferStarted,
    DataAddressRetrieved,
    Downloading,
    Saved,
    Failed,

    /// <summary>Stopped by the client's cancel; its transfer, if it had one, was terminated on the connector.</summary>
    Cancelled,
}
