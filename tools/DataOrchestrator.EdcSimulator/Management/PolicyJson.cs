using System.Text.Json;
using System.Text.Json.Nodes;
using DataOrchestrator.EdcSimulator.Scenarios;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Shapes ODRL policies for answers: the offers of a Dataset and the policy of a ContractAgreement. A policy's own
/// <c>@context</c> is dropped (the answer's context applies) and so is an empty rule list: both documents declare
/// permission, prohibition and obligation with minItems 1, and to JSON-LD an empty list and none say the same.
/// </summary>
internal static class PolicyJson
{
    private static readonly string[] AgreementParties = ["assignee", "assigner", "target"];

    /// <summary>A catalog offer: its <c>@id</c>, the given <c>@type</c> and its rules; it names no target or assigner.</summary>
    public static JsonObject Offer(JsonElement offer, string type)
    {
        var shaped = new JsonObject
        {
            ["@id"] = offer.GetProperty("@id").GetString(),
            ["@type"] = type,
        };
        CopyRest(offer, shaped, _ => false);
        return shaped;
    }

    /// <summary>An agreement's policy: the agreed policy with the given <c>@type</c> and assignee, assigner and target.</summary>
    public static JsonObject Agreement(JsonElement policy, string fallbackId, string type, string assignee, string assigner, string target)
    {
        var id = policy.ValueKind == JsonValueKind.Object && policy.TryGetProperty("@id", out var given) && given.ValueKind == JsonValueKind.String
            ? given.GetString()
            : fallbackId;
        var shaped = new JsonObject { ["@id"] = id, ["@type"] = type };
        if (policy.ValueKind == JsonValueKind.Object)
        {
            CopyRest(policy, shaped, term => AgreementParties.Contains(term, StringComparer.Ordinal));
        }

        shaped["assignee"] = assignee;
        shaped["assigner"] = assigner;
        shaped["target"] = target;
        return shaped;
    }

    private static void CopyRest(JsonElement source, JsonObject into, Func<string, bool> skip)
    {
        foreach (var property in source.EnumerateObject())
        {
            var term = PolicyTerms.LocalName(property.Name);
            var emptyRules = PolicyTerms.IsRule(term) && property.Value is { ValueKind: JsonValueKind.Array } rules && rules.GetArrayLength() == 0;
            if (property.Name is "@id" or "@type" or "@context" || emptyRules || skip(term))
            {
                continue;
            }

            into[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }
    }
}
