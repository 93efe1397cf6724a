namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>
/// What an <c>edc-catalog</c> item asks for: the provider's dataset of <paramref name="AssetId"/>, from which the
/// service chooses the first offer its policy allow-list accepts. The provider's participant id is the item's
/// <see cref="OrchestrationItem.ConnectorId"/>.
/// </summary>
/// <param name="AssetId">The dataset (asset) id in the provider's catalog.</param>
/// <param name="PolicyJson">The client's own ODRL policy, narrowing the acceptable offers further, or null.</param>
/// <param name="ReuseAgreement">Whether an agreement the connector already holds may be reused (the client can opt out).</param>
public sealed record CatalogLookup(string AssetId, string? PolicyJson, bool ReuseAgreement = true)
{
    /// <summary>Items of one orchestration with the same key read the same dataset, so it is looked up once.</summary>
    public string DatasetKey(string counterPartyAddress, string? counterPartyId) => string.Join('\n', counterPartyAddress, counterPartyId, AssetId);
}
