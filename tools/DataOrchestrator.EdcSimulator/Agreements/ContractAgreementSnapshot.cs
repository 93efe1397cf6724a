using System.Text.Json;

namespace DataOrchestrator.EdcSimulator.Agreements;

/// <summary>A contract agreement the consumer connector holds: negotiated through the simulator or scripted.</summary>
/// <param name="Id">The contract agreement id (a transfer's contractId).</param>
/// <param name="AssetId">The agreed asset: the negotiated offer's target.</param>
/// <param name="ProviderId">The provider: the ContractRequest's counterPartyId, else the offer's assigner.</param>
/// <param name="ConsumerId">The consumer, the simulated connector itself.</param>
/// <param name="ContractSigningDate">Epoch seconds: when the negotiation reached FINALIZED, or as scripted.</param>
/// <param name="Policy">The policy as requested (or scripted); answers set its <c>@type</c>, assignee, assigner and target.</param>
/// <param name="NegotiationId">The negotiation that produced it; null for a scripted agreement.</param>
public sealed record ContractAgreementSnapshot(
    string Id,
    string AssetId,
    string ProviderId,
    string ConsumerId,
    long ContractSigningDate,
    JsonElement Policy,
    string? NegotiationId);
