namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>
/// An offer from the provider's catalog that the service negotiates into a contract agreement before the transfer.
/// The provider's participant id is the item's <see cref="OrchestrationItem.ConnectorId"/>.
/// </summary>
/// <param name="OfferId">The offer's (policy's) <c>@id</c> from the catalog.</param>
/// <param name="AssetId">The asset the offer is for, the policy's <c>target</c>.</param>
/// <param name="PolicyJson">The client's ODRL policy object as compact JSON, or null for an empty policy.</param>
public sealed record ContractOffer(string OfferId, string AssetId, string? PolicyJson)
{
    /// <summary>Items of one orchestration whose offers share this key need one agreement, so they share one negotiation.</summary>
    public string NegotiationKey(string counterPartyAddress, string? counterPartyId) =>
        string.Join('\n', counterPartyAddress, counterPartyId, OfferId, AssetId, PolicyJson);
}
