using System.Text.Json;

namespace DataOrchestrator.EdcSimulator.Scenarios;

/// <summary>
/// What the provider's catalog holds for one asset, as the consumer connector's dataset request returns it (keyed by
/// the asset id, the Dataset's <c>@id</c>). Offers are ODRL policies as JSON objects, each with an <c>@id</c> and its
/// rules (<c>permission</c>, <c>prohibition</c>, <c>obligation</c>); like a real DSP catalog they name neither target
/// nor assigner. Serialized in camelCase (datasets files, <c>PUT /_sim/datasets/{assetId}</c>).
/// </summary>
public sealed record DatasetBehaviour
{
    private static readonly string[] ForbiddenTerms = ["target", "assigner"];

    /// <summary>The dataset's offers (<c>hasPolicy</c>), in order; at least one unless <see cref="RejectCatalog"/> is set.</summary>
    public IReadOnlyList<JsonElement>? Offers { get; init; }

    /// <summary>Delay of each dataset request for this asset; null falls back to the global default.</summary>
    public int? LatencyMs { get; init; }

    /// <summary>When set, dataset requests for this asset are refused with this EDC error (default: 502, provider unreachable).</summary>
    public CatalogRejection? RejectCatalog { get; init; }

    /// <summary>Returns what is wrong with this behaviour; empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (LatencyMs < 0)
        {
            problems.Add("latencyMs must not be negative");
        }

        if (RejectCatalog is { Status: < 400 or > 599 })
        {
            problems.Add("rejectCatalog.status must be an HTTP error status (400-599)");
        }

        if ((Offers is null || Offers.Count == 0) && RejectCatalog is null)
        {
            problems.Add("offers must hold at least one offer (a dataset without offers is not in a catalog)");
        }

        for (var i = 0; i < (Offers?.Count ?? 0); i++)
        {
            problems.AddRange(ValidateOffer(Offers![i]).Select(problem => $"offers[{i}]: {problem}"));
        }

        return problems;
    }

    private static IEnumerable<string> ValidateOffer(JsonElement offer)
    {
        if (offer.ValueKind != JsonValueKind.Object)
        {
            yield return "must be a JSON object";
            yield break;
        }

        if (!offer.TryGetProperty("@id", out var id) || id.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(id.GetString()))
        {
            yield return "needs a non-blank string @id";
        }

        foreach (var property in offer.EnumerateObject())
        {
            var term = PolicyTerms.LocalName(property.Name);
            if (ForbiddenTerms.Contains(term, StringComparer.Ordinal))
            {
                yield return $"must not carry {term} (a catalog offer names none; the dataset's @id is its asset)";
            }
            else if (PolicyTerms.IsRule(term) && property.Value.ValueKind != JsonValueKind.Array)
            {
                yield return $"{property.Name} must be an array of rules";
            }
        }
    }
}
