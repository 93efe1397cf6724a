using DataOrchestrator.EdcSimulator.Scenarios;

namespace DataOrchestrator.EdcSimulator.Negotiations;

/// <summary>
/// One consumer contract negotiation. Like a transfer, its state is computed from the time elapsed since
/// creation: REQUESTED, then (when heading for FINALIZED) AGREED and VERIFIED, then the final state.
/// </summary>
internal sealed class SimulatedNegotiation(
    string id, ContractRequestData request, OfferBehaviour behaviour, long createdAtMs, string apiVersion)
{
    private const string DefaultErrorDetail = "Contract negotiation terminated by the counter-party";

    public string Id { get; } = id;

    public string CorrelationId { get; } = Guid.NewGuid().ToString();

    public ContractRequestData Request { get; } = request;

    public OfferBehaviour Behaviour { get; } = behaviour;

    public long CreatedAtMs { get; } = createdAtMs;

    public string ApiVersion { get; } = apiVersion;

    /// <summary>The agreement id this negotiation produces; reported only once FINALIZED.</summary>
    public string AgreementId { get; } = behaviour.AgreementId ?? Guid.NewGuid().ToString();

    public NegotiationStatus StatusAt(long nowMs)
    {
        var delay = Behaviour.NegotiationDelayMs;
        var elapsed = nowMs - CreatedAtMs;
        var finalState = Behaviour.FinalState?.Trim() ?? NegotiationStates.Finalized;
        if (elapsed >= delay)
        {
            return new NegotiationStatus(finalState, CreatedAtMs + delay, HasEnded: true);
        }

        var agreedAt = delay * 3L / 5;
        var verifiedAt = delay * 4L / 5;
        if (finalState != NegotiationStates.Finalized || elapsed < agreedAt)
        {
            return new NegotiationStatus(NegotiationStates.Requested, CreatedAtMs, HasEnded: false);
        }

        return elapsed < verifiedAt
            ? new NegotiationStatus(NegotiationStates.Agreed, CreatedAtMs + agreedAt, HasEnded: false)
            : new NegotiationStatus(NegotiationStates.Verified, CreatedAtMs + verifiedAt, HasEnded: false);
    }

    public string? ContractAgreementIdFor(NegotiationStatus status) => status.IsFinalized ? AgreementId : null;

    /// <summary>errorDetail is reported only once the negotiation has failed.</summary>
    public string? ErrorDetailFor(NegotiationStatus status) =>
        status.HasEnded && !status.IsFinalized ? Behaviour.ErrorDetail ?? DefaultErrorDetail : null;

    public NegotiationSnapshot ToSnapshot(long nowMs)
    {
        var status = StatusAt(nowMs);
        return new NegotiationSnapshot(
            Id,
            Request.OfferId,
            Request.AssetId,
            Request.CounterPartyAddress,
            Request.CounterPartyId,
            Request.Protocol,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs),
            status.State,
            ContractAgreementIdFor(status),
            ErrorDetailFor(status),
            ApiVersion);
    }
}
