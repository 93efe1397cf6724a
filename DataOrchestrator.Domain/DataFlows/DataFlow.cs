namespace DataOrchestrator.Domain.DataFlows;

/// <summary>
/// One data flow of the service as consumer data plane, keyed by the control plane's transfer process id (the DPS
/// <c>processId</c>, also the <c>dataFlowId</c> the service answers). <see cref="DataAddress"/> holds the provider's
/// token: <see cref="ToString"/> never shows it, and it is dropped once the flow has ended.
/// </summary>
public sealed record DataFlow
{
    public required string ProcessId { get; init; }

    public required DataFlowState State { get; init; }

    /// <summary>The service started this transfer itself: only claimed flows are ever downloaded.</summary>
    public bool Claimed { get; init; }

    /// <summary>The DataAddress of the <c>started</c> (or <c>resume</c>) notification, as its JSON. A secret.</summary>
    public string? DataAddress { get; init; }

    /// <summary>The prepare message's <c>callbackAddress</c> (spec RC2, EDC 0.18): the base of the callbacks.</summary>
    public string? CallbackAddress { get; init; }

    /// <summary>Why the flow was suspended or terminated, as the control plane said.</summary>
    public string? Reason { get; init; }

    /// <summary>Counts the stored changes: a change is stored only over the version it was made from.</summary>
    public long Version { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public bool IsFinished => State is DataFlowState.Completed or DataFlowState.Terminated;

    /// <summary>The flow moved to <paramref name="state"/>; an ended flow forgets its address.</summary>
    public DataFlow MoveTo(DataFlowState state, DateTimeOffset now) => this with
    {
        State = state,
        UpdatedAt = now,
        Version = Version + 1,
        DataAddress = state is DataFlowState.Completed or DataFlowState.Terminated ? null : DataAddress,
    };

    public override string ToString() =>
        $"DataFlow {{ ProcessId = {ProcessId}, State = {State}, Claimed = {Claimed}, Version = {Version}, DataAddress = {(DataAddress is null ? "none" : "***")} }}";
}
