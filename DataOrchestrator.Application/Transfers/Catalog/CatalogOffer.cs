using System.Text.Json;

namespace DataOrchestrator.Application.Transfers.Catalog;

/// <summary>One offer of a dataset: its <c>@id</c> and its ODRL policy exactly as offered (no target, no assigner).</summary>
public sealed record CatalogOffer(string OfferId, JsonElement Policy);
