using System.Security.Cryptography;
using System.Text.Json;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Orchestrations.Submit;

/// <summary>A validated request turned into the orchestration to store, and the fingerprint its Idempotency-Key is kept with.</summary>
internal static class NewOrchestration
{
    public static Orchestration From(OrchestrateRequest request, DateTimeOffset now)
    {
        var items = request.Data!.Select(ToItem).ToArray();
        return Orchestration.Create(Guid.NewGuid(), request.ConnectorAddress!, items, now) with
        {
            Callback = request.CallbackUrl is { } callbackUrl ? OrchestrationCallback.Pending(callbackUrl, now) : null,
        };
    }

    /// <summary>The request as the service understood it, hashed: equal bodies give equal fingerprints.</summary>
    public static string Fingerprint(OrchestrateRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));

    private static OrchestrationItem ToItem(OrchestrateItemRequest item, int index)
    {
        var isOffer = item.Type == OrchestrateItemRequestValidator.EdcOfferType;
        return new OrchestrationItem
        {
            Index = index,
            Type = item.Type ?? OrchestrateItemRequestValidator.EdcAssetType,
            CounterPartyAddress = item.CounterPartyAddress!,
            ContractId = isOffer ? null : item.ContractId,
            ConnectorId = isOffer ? item.CounterPartyId : item.ConnectorId,
            Protocol = item.Protocol,
            Path = item.Path,
            Query = item.Query is { } query ? new Dictionary<string, string>(query, StringComparer.Ordinal) : null,
            Offer = isOffer
                ? new ContractOffer(item.OfferId!, item.AssetId!, item.Policy is { } policy ? JsonSerializer.Serialize(policy) : null)
                : null,
        };
    }
}
