namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>
/// One requested EDC item and how far its pipeline got. Immutable: a new version is written
/// through the repository after each step, so a persistent store can replace the in-memory one.
/// </summary>
public sealed record OrchestrationItem
{
    public required int Index { get; init; }
    public required string Type { get; init; }
    public required string CounterPartyAddress { get; init; }

    /// <summary>The contract agreement id: given by the client, or known once the item's offer is negotiated.</summary>
    public string? ContractId { get; init; }

    /// <summary>The provider's participant id (the offer's counterPartyId for offers).</summary>
    public string? ConnectorId { get; init; }

    /// <summary>The offer to negotiate first, for items that came without a contract agreement.</summary>
    public ContractOffer? Offer { get; init; }

    /// <summary>For <c>edc-catalog</c> items: the asset to look up in the provider's catalog (then <see cref="Offer"/> holds the offer chosen).</summary>
    public CatalogLookup? Catalog { get; init; }

    /// <summary>The contract agreement is one the connector already held (found by asset and provider), not a new negotiation's.</summary>
    public bool AgreementReused { get; init; }

    /// <summary>The data was fetched with an EDR the connector already held (Tractus-X EDR cache), not a new transfer's.</summary>
    public bool EdrReused { get; init; }

    /// <summary>The EDC contract negotiation id, once one was started (possibly shared with other items of the orchestration).</summary>
    public string? NegotiationId { get; init; }

    /// <summary>The DSP protocol the client asked for, if it named one; otherwise it is inferred from the address.</summary>
    public string? Protocol { get; init; }

    /// <summary>
    /// The path the client asked for, relative to the data address endpoint (Tractus-X proxy path), as it was sent;
    /// null downloads the endpoint itself.
    /// </summary>
    public string? Path { get; init; }

    /// <summary>Query parameters the client asked for, added to the data address endpoint's own query (Tractus-X proxy query).</summary>
    public IReadOnlyDictionary<string, string>? Query { get; init; }
    public ItemStatus Status { get; init; } = ItemStatus.Queued;
    public string? TransferId { get; init; }

    /// <summary>
    /// The key the service gave its latest transfer start (in the request's privateProperties), recorded before the
    /// request is sent: a start whose answer was lost, or a resumed item, finds its transfer by it instead of starting
    /// a second one.
    /// </summary>
    public string? TransferAttemptKey { get; init; }
    public int Attempts { get; init; }
    public ItemError? Error { get; init; }

    /// <summary>The errors of earlier rounds that a client retried (POST /orchestrate/{id}/retry), newest first, at most <see cref="MaxPreviousErrors"/>.</summary>
    public IReadOnlyList<ItemError> PreviousErrors { get; init; } = [];
    public string? StoragePath { get; init; }
    public long? Bytes { get; init; }

    /// <summary>Bytes received so far by a download (recorded at an interval while it runs; equal to <see cref="Bytes"/> once saved).</summary>
    public long? BytesDownloaded { get; init; }

    /// <summary>The size the data plane announced (Content-Length), when it did.</summary>
    public long? BytesTotal { get; init; }
    public string? Sha256 { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>When the item first had to wait for its connector; waiting ends with a failure once it is too long ago.</summary>
    public DateTimeOffset? WaitingSince { get; init; }

    /// <summary>While it waits for its connector: when it is tried again.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>How many earlier errors <see cref="PreviousErrors"/> keeps.</summary>
    public const int MaxPreviousErrors = 10;

    public bool IsFinished => Status.IsFinal();

    /// <summary>A FAILED or CANCELLED item may be retried by the client.</summary>
    public bool IsRetryable => Status is ItemStatus.Failed or ItemStatus.Cancelled;

    /// <summary>
    /// Back to QUEUED for another round, its error moved to <see cref="PreviousErrors"/>. <see cref="Attempts"/> keeps
    /// counting. A contract agreement it got is kept (negotiating again would only repeat the work), but everything
    /// of its transfer goes: the old transfer process ended (it failed or was terminated), so a new one is started
    /// under a new attempt key rather than found again by the old one, and the old download's fields must not show.
    /// Without an agreement, a started negotiation and a catalog's chosen offer go too: the negotiation failed (it would
    /// only be waited for again) and the catalog may offer something else now.
    /// </summary>
    public OrchestrationItem Retry()
    {
        var agreed = ContractId is not null;
        return this with
        {
            Status = ItemStatus.Queued,
            Error = null,
            PreviousErrors = Error is null ? PreviousErrors : [Error, .. PreviousErrors.Take(MaxPreviousErrors - 1)],
            FinishedAt = null,
            NegotiationId = agreed ? NegotiationId : null,
            Offer = agreed || Catalog is null ? Offer : null,
            AgreementReused = agreed && AgreementReused,
            TransferId = null,
            TransferAttemptKey = null,
            EdrReused = false,
            StoragePath = null,
            Bytes = null,
            BytesDownloaded = null,
            BytesTotal = null,
            Sha256 = null,
            WaitingSince = null,
            NextAttemptAt = null,
        };
    }

    public OrchestrationItem Fail(ItemError error, DateTimeOffset now) =>
        this with { Status = ItemStatus.Failed, Error = error, FinishedAt = now };

    /// <summary>Waits for its connector until <paramref name="nextAttemptAt"/>; <paramref name="reason"/> says why.</summary>
    public OrchestrationItem WaitForConnector(ItemError reason, DateTimeOffset now, DateTimeOffset nextAttemptAt) =>
        this with { Status = ItemStatus.WaitingForConnector, Error = reason, WaitingSince = WaitingSince ?? now, NextAttemptAt = nextAttemptAt };

    public OrchestrationItem Cancel(ItemError reason, DateTimeOffset now) =>
        this with { Status = ItemStatus.Cancelled, Error = reason, FinishedAt = now };
}
