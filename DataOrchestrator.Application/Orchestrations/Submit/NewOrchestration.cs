using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>
    /// The request as the service understood it, hashed: equal bodies give equal fingerprints. Items' path and query
    /// count; query parameters in name order, as they are sent, so their order in the body makes no difference.
    /// </summary>
    public static string Fingerprint(OrchestrateRequest request)
    {
        // Requests without a reordering to undo hash as they always did, so keys kept across an upgrade still match.
        if (request.Data?.Any(i => i?.Query is { Count: > 1 }) != true)
        {
            return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));
        }

        var node = JsonSerializer.SerializeToNode(request)!;
        foreach (var item in node["data"]!.AsArray())
        {
            if (item?["query"] is JsonObject query)
            {
                var sorted = query.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())).ToArray();
                query.Clear();
                foreach (var (name, value) in sorted)
                {
                    query.Add(name, value);
                }
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(node)));
    }

    private static OrchestrationItem ToItem(OrchestrateItemRequest item, int index)
    {
        var isOffer = item.Type == OrchestrateItemRequestValidator.EdcOfferType;
        var isCatalog = item.Type == OrchestrateItemRequestValidator.EdcCatalogType;
        var policyJson = item.Policy is { } policy ? JsonSerializer.Serialize(policy) : null;
        return new OrchestrationItem
        {
            Index = index,
            Type = item.Type ?? OrchestrateItemRequestValidator.EdcAssetType,
            CounterPartyAddress = item.CounterPartyAddress!,
            ContractId = isOffer || isCatalog ? null : item.ContractId,
            ConnectorId = isOffer || isCatalog ? item.CounterPartyId : item.ConnectorId,
            Protocol = item.Protocol,
            Path = item.Path,
            Query = item.Query is { } query ? new Dictionary<string, string>(query, StringComparer.Ordinal) : null,
            Offer = isOffer ? new ContractOffer(item.OfferId!, item.AssetId!, policyJson) : null,
            Catalog = isCatalog ? new CatalogLookup(item.AssetId!, policyJson, item.ReuseAgreement ?? true) : null,
        };
    }
}
