using System.Collections.Concurrent;
using DataOrchestrator.EdcSimulator.Negotiations;

namespace DataOrchestrator.EdcSimulator.Agreements;

/// <summary>
/// The contract agreements the consumer holds: scripted ones, and those of negotiations, which count only from the
/// moment their negotiation's timeline reaches FINALIZED (no timer adds them). Negotiated agreements are indexed by
/// agreement id and leave with their negotiation when the negotiation store forgets it; a scripted agreement wins over
/// a negotiated one of the same id, and of several negotiations handing out one id (a fixed offer agreementId) the
/// latest counts.
/// </summary>
internal sealed class AgreementStore
{
    private readonly ConcurrentDictionary<string, ContractAgreementSnapshot> _scripted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimulatedNegotiation> _negotiated = new(StringComparer.Ordinal);

    public void AddScripted(ContractAgreementSnapshot agreement) => _scripted[agreement.Id] = agreement;

    public bool RemoveScripted(string agreementId) => _scripted.TryRemove(agreementId, out _);

    public void Track(SimulatedNegotiation negotiation) => _negotiated[negotiation.AgreementId] = negotiation;

    /// <summary>The negotiation store's eviction hook: only this very negotiation's entry goes.</summary>
    public void Forget(SimulatedNegotiation negotiation) =>
        _negotiated.TryRemove(new KeyValuePair<string, SimulatedNegotiation>(negotiation.AgreementId, negotiation));

    public ContractAgreementSnapshot? Find(string agreementId, long nowMs) =>
        _scripted.TryGetValue(agreementId, out var scripted) ? scripted
        : _negotiated.TryGetValue(agreementId, out var negotiation) ? FromNegotiation(negotiation, nowMs)
        : null;

    /// <summary>Every agreement held at <paramref name="nowMs"/>: scripted ones first, then negotiated ones.</summary>
    public IReadOnlyList<ContractAgreementSnapshot> Snapshot(long nowMs) =>
        _scripted.Values
            .Concat(_negotiated.Where(entry => !_scripted.ContainsKey(entry.Key)).Select(entry => FromNegotiation(entry.Value, nowMs)))
            .OfType<ContractAgreementSnapshot>()
            .ToArray();

    private static ContractAgreementSnapshot? FromNegotiation(SimulatedNegotiation negotiation, long nowMs)
    {
        var status = negotiation.StatusAt(nowMs);
        if (!status.IsFinalized)
        {
            return null;
        }

        var request = negotiation.Request;
        return new ContractAgreementSnapshot(
            negotiation.AgreementId,
            request.AssetId,
            request.CounterPartyId,
            SimulatorState.ConsumerId,
            status.StateTimestamp / 1000,
            request.Policy,
            negotiation.Id);
    }
}
