namespace DataOrchestrator.EdcSimulator.Negotiations;

/// <summary>What the simulator recorded about one contract negotiation, for assertions in tests.</summary>
/// <param name="Id">Contract negotiation id.</param>
/// <param name="OfferId">The offer's <c>@id</c> from the request's policy.</param>
/// <param name="AssetId">The offer's target.</param>
/// <param name="CounterPartyAddress">counterPartyAddress from the request.</param>
/// <param name="CounterPartyId">counterPartyId from the request, else the offer's assigner.</param>
/// <param name="Protocol">protocol from the request (v4: protocol or profile).</param>
/// <param name="CreatedAt">When the negotiation was created.</param>
/// <param name="State">State at the time of the snapshot.</param>
/// <param name="ContractAgreementId">The agreement id, once FINALIZED; null before and for failed negotiations.</param>
/// <param name="ErrorDetail">errorDetail at the time of the snapshot.</param>
/// <param name="ApiVersion">Management API version the negotiation was created through: "v3" or "v4".</param>
public sealed record NegotiationSnapshot(
    string Id,
    string OfferId,
    string AssetId,
    string CounterPartyAddress,
    string CounterPartyId,
    string Protocol,
    DateTimeOffset CreatedAt,
    string State,
    string? ContractAgreementId,
    string? ErrorDetail,
    string ApiVersion);
