using System.Text.Json;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// Reads compacted JSON-LD the way EDC's answers come: a term may be bare (v4, or v3 under <c>@vocab</c>), prefixed
/// (<c>odrl:hasPolicy</c>, <c>edc:assetId</c>) or a full IRI, and a value may be wrapped in <c>@value</c> or <c>@id</c>.
/// </summary>
internal static class JsonLdTerms
{
    private const string OdrlNamespace = "http://www.w3.org/ns/odrl/2/";
    private const string DcatNamespace = "http://www.w3.org/ns/dcat#";

    /// <summary>The property <paramref name="name"/> in any of its spellings, or null.</summary>
    public static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var spelling in (ReadOnlySpan<string>)[name, "edc:" + name, EdcContext.EdcVocabulary + name, "odrl:" + name, OdrlNamespace + name, "dcat:" + name, DcatNamespace + name])
        {
            if (element.TryGetProperty(spelling, out var value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>A property's text: a string, a number's text, or the string inside <c>@value</c> / <c>@id</c>.</summary>
    public static string? Text(JsonElement element, string name) => Property(element, name) is { } value ? TextOf(value) : null;

    public static long? Number(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var whole) => whole,
        { ValueKind: JsonValueKind.Number } n => (long)n.GetDouble(),
        { } other when TextOf(other) is { } text && long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>A value given as one object or as an array of them, as a list.</summary>
    public static IEnumerable<JsonElement> Many(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
        { ValueKind: JsonValueKind.Object } one => [one],
        _ => [],
    };

    private static string? TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Object when value.TryGetProperty("@value", out var inner) => TextOf(inner),
        JsonValueKind.Object when value.TryGetProperty("@id", out var id) => TextOf(id),
        JsonValueKind.Array when value.GetArrayLength() == 1 => TextOf(value[0]),
        _ => null,
    };
}
