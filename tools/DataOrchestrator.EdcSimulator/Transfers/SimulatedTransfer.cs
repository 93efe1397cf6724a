using DataOrchestrator.EdcSimulator.Agreements;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.EdcSimulator.Signaling;

namespace DataOrchestrator.EdcSimulator.Transfers;

/// <summary>
/// One consumer transfer process. Its state is computed from the time elapsed since creation, so
/// thousands of transfers need no timers; only a client's terminate or refresh call changes stored state. A Data Plane
/// Signaling transfer takes its state from its <see cref="DpsFlow"/> instead.
/// </summary>
internal sealed class SimulatedTransfer
{
    private Termination? _termination;
    private IssuedToken _token;
    private int _edrCalls;
    private int _refreshCount;
    private int _refreshesInFlight;
    private int _maxConcurrentRefreshes;

    public SimulatedTransfer(
        string id,
        TransferRequestData request,
        AgreementRuntime agreement,
        long createdAtMs,
        string apiVersion,
        DpsFlow? dps = null,
        ContractAgreementSnapshot? heldAgreement = null)
    {
        Dps = dps;
        HeldAgreement = heldAgreement;
        Id = id;
        Request = request;
        Agreement = agreement;
        CreatedAtMs = createdAtMs;
        ApiVersion = apiVersion;
        _token = EdrToken.Issue(id, request.ContractId, 0, createdAtMs, agreement.Behaviour.ExpiredTokens);
    }

    public string Id { get; }

    /// <summary>The DPS state machine of this transfer; null for the EDR-cache timeline.</summary>
    public DpsFlow? Dps { get; }

    public string CorrelationId { get; } = Guid.NewGuid().ToString();

    public TransferRequestData Request { get; }

    public AgreementRuntime Agreement { get; }

    public AgreementBehaviour Behaviour => Agreement.Behaviour;

    public string ContractId => Request.ContractId;

    /// <summary>The contract agreement the consumer held for the contractId when the transfer was requested, if any.</summary>
    public ContractAgreementSnapshot? HeldAgreement { get; }

    /// <summary>The held agreement's asset, else the agreement behaviour's assetId, else "asset-{contractId}".</summary>
    public string AssetId => HeldAgreement?.AssetId ?? Behaviour.AssetId ?? $"asset-{ContractId}";

    /// <summary>The held agreement's provider, else the request's connectorId.</summary>
    public string? ProviderId => HeldAgreement?.ProviderId ?? Request.ConnectorId;

    public long CreatedAtMs { get; }

    /// <summary>Management API version the process was created through ("v3" or "v4").</summary>
    public string ApiVersion { get; }

    /// <summary>The token the data plane currently accepts; replaced by each refresh.</summary>
    public IssuedToken Token => Volatile.Read(ref _token);

    /// <summary>Serialises token rotation and revocation with the store's token index.</summary>
    public Lock TokenLock { get; } = new();

    public bool IsTerminatedByClient => Volatile.Read(ref _termination) is not null;

    /// <summary>
    /// INITIAL for the first tenth of startDelayMs, REQUESTED until four fifths (or the end, when the
    /// process is not heading for STARTED), then STARTING; after startDelayMs the final state. REQUESTED while a
    /// closed <see cref="AgreementBehaviour.StartGate"/> holds it.
    /// </summary>
    public TransferStatus StatusAt(long nowMs)
    {
        if (Volatile.Read(ref _termination) is { } termination)
        {
            return new TransferStatus(TransferStates.Terminated, termination.AtMs, HasEnded: true);
        }

        if (Dps is not null)
        {
            return Dps.Status;
        }

        if (Behaviour.StartGate is { IsOpen: false })
        {
            return new TransferStatus(TransferStates.Requested, CreatedAtMs, HasEnded: false);
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

        if (Dps is not null)
        {
            return Dps.ErrorDetail;
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

    /// <summary>
    /// Whether the EDR is in the consumer's EDR cache now: STARTED (so not terminated) and past the calls
    /// edrMissingCalls answers 404; the dataaddress route then finds it, and an EDR query lists it.
    /// </summary>
    public bool IsEdrCached(long nowMs) =>
        StatusAt(nowMs).IsStarted && Volatile.Read(ref _edrCalls) >= Behaviour.EdrMissingCalls;

    /// <summary>True while the EDR should still look "not cached yet" (edrMissingCalls).</summary>
    public bool TryConsumeMissingEdr() => AgreementRuntime.TryConsume(ref _edrCalls, Behaviour.EdrMissingCalls);

    /// <summary>Notes a refresh call entering; returns how many refreshes of this transfer are now in flight.</summary>
    public int BeginRefresh()
    {
        var inFlight = Interlocked.Increment(ref _refreshesInFlight);
        InterlockedMax(ref _maxConcurrentRefreshes, inFlight);
        return inFlight;
    }

    public void EndRefresh() => Interlocked.Decrement(ref _refreshesInFlight);

    /// <summary>Replaces the current token with the next one; the caller holds <see cref="TokenLock"/>.</summary>
    public IssuedToken IssueNextToken(long nowMs)
    {
        var next = EdrToken.Issue(Id, ContractId, Token.Sequence + 1, nowMs, Behaviour.ExpiredTokens);
        Volatile.Write(ref _token, next);
        Interlocked.Increment(ref _refreshCount);
        return next;
    }

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
            Token.Value,
            Volatile.Read(ref _termination)?.Reason,
            ApiVersion,
            Volatile.Read(ref _refreshCount),
            Volatile.Read(ref _maxConcurrentRefreshes),
            Request.PrivateProperties);
    }

    internal static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private sealed record Termination(string? Reason, long AtMs);
}
