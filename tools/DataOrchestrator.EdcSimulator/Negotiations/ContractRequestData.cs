namespace DataOrchestrator.EdcSimulator.Negotiations;

/// <summary>
/// The parts of a ContractRequest the simulator keeps on the negotiation. CounterPartyId falls back to the
/// offer's assigner, as EDC does when the request names none; AssetId is the offer's target. Policy is the requested
/// policy as sent, which becomes the agreement's policy once the negotiation is FINALIZED.
/// </summary>
internal sealed record ContractRequestData(
    string OfferId,
    string AssetId,
    string CounterPartyAddress,
    string CounterPartyId,
    string Protocol,
    System.Text.Json.JsonElement Policy);
