using System.Text.Json;

namespace DataOrchestrator.Application.Transfers.Catalog;

/// <summary>
/// A provider's dataset as the consumer connector relayed it: its offers in the catalog's order, and the JSON-LD
/// <c>@context</c> of the answer, which the offers' prefixed terms are resolved against.
/// </summary>
public sealed record CatalogDataset(string AssetId, IReadOnlyList<CatalogOffer> Offers, JsonElement? Context);
