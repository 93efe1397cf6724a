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
    public required string ContractId { get; init; }
    public string? ConnectorId { get; init; }

    /// <summary>The DSP protocol the client asked for, if it named one; otherwise it is inferred from the address.</summary>
    public string? Protocol { get; init; }
    public ItemStatus Status { get; init; } = ItemStatus.Queued;
    public string? TransferId { get; init; }
    public int Attempts { get; init; }
    public ItemError? Error { get; init; }
    public string? StoragePath { get; init; }
    public long? Bytes { get; init; }
    public string? Sha256 { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    public bool IsFinished => Status is ItemStatus.Saved or ItemStatus.Failed;

    public OrchestrationItem Fail(ItemError error, DateTimeOffset now) =>
        this with { Status = ItemStatus.Failed, Error = error, FinishedAt = now };
}
