using System.Text.Json;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Looks up v3 request terms the way they expand in EDC: compact, prefixed ("edc:", "odrl:") or as full IRIs.
/// Values may be plain strings or JSON-LD node references (<c>{"@id": "…"}</c>).
/// </summary>
internal static class JsonTerms
{
    public static JsonElement? FindEdc(JsonElement element, string term) =>
        Find(element, term, "edc:", JsonLdContext.EdcNamespace);

    public static JsonElement? FindOdrl(JsonElement element, string term) =>
        Find(element, term, "odrl:", JsonLdContext.OdrlNamespace);

    public static string? AsString(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>A string, or the <c>@id</c> of a node reference.</summary>
    public static string? AsStringOrId(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Object } node && node.TryGetProperty("@id", out var id)
            ? AsString(id)
            : AsString(element);

    private static JsonElement? Find(JsonElement element, string term, string prefix, string iriNamespace) =>
        element.ValueKind == JsonValueKind.Object
        && (element.TryGetProperty(term, out var value)
            || element.TryGetProperty(prefix + term, out value)
            || element.TryGetProperty(iriNamespace + term, out value))
            ? value
            : null;
}
