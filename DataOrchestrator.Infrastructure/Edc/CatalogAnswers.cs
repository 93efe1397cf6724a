using System.Text.Json;
using System.Text.RegularExpressions;
using DataOrchestrator.Application.Transfers.Catalog;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// Reads the answers of the dataset, agreement and EDR queries. v4 answers with bare names and arrays; v3 compacts
/// against EDC's context (<c>odrl:hasPolicy</c>, a single offer as an object); both are read alike.
/// </summary>
internal static partial class CatalogAnswers
{
    public static CatalogDataset Dataset(JsonElement answer, string assetId)
    {
        if (answer.ValueKind != JsonValueKind.Object)
        {
            throw new EdcUnavailableException($"EDC answered the dataset request for '{assetId}' with no dataset object.");
        }

        var offers = JsonLdTerms.Many(JsonLdTerms.Property(answer, "hasPolicy"))
            .Select(offer => JsonLdTerms.Text(offer, "@id") is { Length: > 0 } id ? new CatalogOffer(id, offer.Clone()) : null)
            .OfType<CatalogOffer>()
            .ToArray();
        return new CatalogDataset(assetId, offers, Context(answer));
    }

    public static IReadOnlyList<HeldAgreement> Agreements(JsonElement answer) =>
        JsonLdTerms.Many(answer)
            .Select(agreement => JsonLdTerms.Text(agreement, "@id") is { Length: > 0 } id && JsonLdTerms.Property(agreement, "policy") is { ValueKind: JsonValueKind.Object } policy
                ? new HeldAgreement(
                    id,
                    JsonLdTerms.Text(agreement, "assetId"),
                    JsonLdTerms.Text(agreement, "providerId"),
                    JsonLdTerms.Number(agreement, "contractSigningDate") ?? 0,
                    policy.Clone(),
                    Context(agreement))
                : null)
            .OfType<HeldAgreement>()
            .ToArray();

    public static IReadOnlyList<HeldEdr> Edrs(JsonElement answer) =>
        JsonLdTerms.Many(answer)
            .Select(entry => (JsonLdTerms.Text(entry, "transferProcessId") ?? JsonLdTerms.Text(entry, "@id")) is { Length: > 0 } id
                ? new HeldEdr(id, JsonLdTerms.Text(entry, "agreementId"), JsonLdTerms.Text(entry, "assetId"), JsonLdTerms.Number(entry, "createdAt") ?? 0)
                : null)
            .OfType<HeldEdr>()
            .ToArray();

    /// <summary>
    /// EDC answers a dataset request the provider refused with 502 (<c>BaseCatalogApiController</c> at v0.18.0), its
    /// message "Counter Party responded with Response{…, code=404, …}. Body: {…CatalogError…}." carrying the provider's
    /// DSP CatalogError; with code 404 the provider has no such dataset. A 404 without a CatalogError is a wrong DSP
    /// address, not an unknown asset.
    /// </summary>
    public static bool IsNotFound(IReadOnlyList<EdcError> errors) =>
        errors.Any(error => error.Message is { } message
            && message.Contains("CatalogError", StringComparison.OrdinalIgnoreCase)
            && CatalogErrorNotFound().IsMatch(message));

    private static JsonElement? Context(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("@context", out var context) ? context.Clone() : null;

    // code=404 (the provider's HTTP answer), "code":"404" or "dspace:code":"404" (its CatalogError, DSP 2025-1 or v0.8).
    [GeneratedRegex(@"code\W{0,6}404\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CatalogErrorNotFound();
}
