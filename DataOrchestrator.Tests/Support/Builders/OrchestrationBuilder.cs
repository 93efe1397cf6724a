using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Tests.Support.Builders;

/// <summary>Builds domain orchestrations with items in chosen states.</summary>
internal sealed class OrchestrationBuilder
{
    public static readonly DateTimeOffset CreatedAt = new(2025, 5, 22, 8, 37, 13, TimeSpan.Zero);

    private readonly List<OrchestrationItem> _items = [];
    private Guid _id = Guid.NewGuid();

    public OrchestrationBuilder WithId(Guid id)
    {
        _id = id;
        return this;
    }

    public OrchestrationBuilder WithItem(ItemStatus status = ItemStatus.Queued, string contractId = "agreement-1")
    {
        _items.Add(Item(_items.Count, status, contractId));
        return this;
    }

    /// <summary>An <c>edc-offer</c> item: no agreement yet, an offer to negotiate.</summary>
    public OrchestrationBuilder WithOfferItem(string offerId = "offer-1", string assetId = "asset-1", string? policyJson = null)
    {
        _items.Add(Item(_items.Count) with
        {
            Type = "edc-offer",
            ContractId = null,
            ConnectorId = "did:web:provider",
            Offer = new ContractOffer(offerId, assetId, policyJson),
        });
        return this;
    }

    public OrchestrationBuilder WithCatalogItem(string assetId = "asset-1", string? policyJson = null, bool reuseAgreement = true)
    {
        _items.Add(Item(_items.Count) with
        {
            Type = "edc-catalog",
            ContractId = null,
            ConnectorId = "did:web:provider",
            Catalog = new CatalogLookup(assetId, policyJson, reuseAgreement),
        });
        return this;
    }

    public Orchestration Build() => Orchestration.Create(_id, "http://127.0.0.1:9/consumer/cp", _items.ToArray(), CreatedAt);

    public static OrchestrationItem Item(int index, ItemStatus status = ItemStatus.Queued, string contractId = "agreement-1") => new()
    {
        Index = index,
        Type = "edc-asset",
        CounterPartyAddress = OrchestrateRequestBuilder.ProviderDsp,
        ContractId = contractId,
        Status = status,
        TransferId = status == ItemStatus.Queued ? null : $"transfer-{index}",
        StoragePath = status == ItemStatus.Saved ? $"./data/file_transfer-{index}.json" : null,
        Error = status == ItemStatus.Failed ? ItemError.Of(ItemErrorCodes.TransferTerminated, "terminated") : null,
    };
}
