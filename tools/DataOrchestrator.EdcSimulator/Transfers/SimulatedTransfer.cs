using DataOrchestrator.EdcSimulator.Scenarios;

namespace DataOrchestrator.EdcSimulator.Transfers;

/// <summary>
/// One consumer transfer process. Its state is computed from the time elapsed since creation, so
/// thousands of transfers need no timers; only a client's terminate call changes stored state.
/// </summary>
internal sealed class SimulatedTransfer(
    string id, TransferRequestData request, AgreementRuntime agreement, long createdAtMs)
{
    private Termination? _termination;
    private int _edrCalls;

    public string Id { get; } = id;

    public string CorrelationId { get; } = Guid.NewGuid().ToString();

    public TransferRequestData Request { get; } = request;

    public AgreementRuntime Agreement { get; } = agreement;

    public AgreementBehaviour Behaviour => Agreement.Behaviour;

    public string ContractId => Request.ContractId;

    public string AssetId => Behaviour.AssetId ?? $"asset-{ContractId}";

    public long CreatedAtMs { get; } = createdAtMs;

    public string Token { get; } = EdrToken.Create(id, request.ContractId, createdAtMs);

    public bool IsTerminatedByClient => Volatile.Read(ref _termination) is not null;

    /// <summary>
    /// INITIAL for the first tenth of startDelayMs, REQUESTED until four fifths (or the end, when the
    /// process is not heading for STARTED), then STARTING; after startDelayMs the final state.
    /// </summary>
    public TransferStatus StatusAt(long nowMs)
    {
        if (Volatile.Read(ref _termination) is { } termination)
        {
            return new TransferStatus(TransferStates.Terminated, termination.AtMs, HasEnded: true);
        }

        var delay = Behaviour.StartDelayMs;
        var elapsed = nowMs - CreatedAtMs;
        var finalState = Behaviour.FinalState?.Trim() ?? TransferStates.Started;
        if (elapsed >= delay)
        {
            return new TransferStatus(finalState, CreatedAtMs + delay, HasEnded: true);
        }

        var requestedAt = delay / 10;
        var startingAt = delay * 4L / 5;
        if (elapsed < requestedAt)
        {
            return new TransferStatus(TransferStates.Initial, CreatedAtMs, HasEnded: false);
        }

        return finalState == TransferStates.Started && elapsed >= startingAt
            ? new TransferStatus(TransferStates.Starting, CreatedAtMs + startingAt, HasEnded: false)
            : new TransferStatus(TransferStates.Requested, CreatedAtMs + requestedAt, HasEnded: false);
    }

    /// <summary>errorDetail is reported only once the process has failed.</summary>
    public string? ErrorDetailFor(TransferStatus status)
    {
        if (Volatile.Read(ref _termination) is { } termination)
        {
            return termination.Reason;
        }

        return status.HasEnded && !status.IsStarted ? Behaviour.ErrorDetail : null;
    }

    /// <summary>Terminates unless the process already ended; the first of concurrent callers wins.</summary>
    public bool TryTerminate(string? reason, long nowMs, out TransferStatus current)
    {
        current = StatusAt(nowMs);
        if (current.State is TransferStates.Terminated or TransferStates.Completed)
        {
            return false;
        }

        var termination = new Termination(reason, nowMs);
        if (Interlocked.CompareExchange(ref _termination, termination, null) is not null)
        {
            current = StatusAt(nowMs);
            return false;
        }

        current = StatusAt(nowMs);
        return true;
    }

    /// <summary>True while the EDR should still look "not cached yet" (edrMissingCalls).</summary>
    public bool TryConsumeMissingEdr() => AgreementRuntime.TryConsume(ref _edrCalls, Behaviour.EdrMissingCalls);

    public TransferSnapshot ToSnapshot(long nowMs)
    {
        var status = StatusAt(nowMs);
        return new TransferSnapshot(
            Id,
            ContractId,
            Request.CounterPartyAddress,
            Request.Protocol,
            Request.TransferType,
            Request.ConnectorId,
            Request.DataDestination.GetRawText(),
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs),
            status.State,
            ErrorDetailFor(status),
            Token,
            Volatile.Read(ref _termination)?.Reason);
    }

    private sealed record Termination(string? Reason, long AtMs);
}
