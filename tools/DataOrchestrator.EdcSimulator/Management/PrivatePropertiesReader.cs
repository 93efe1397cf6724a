using System.Collections.ObjectModel;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Hosting;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Reads a TransferRequest's <c>privateProperties</c> the way EDC stores them: keys expanded to IRIs (a compact term
/// or an "edc:" one under the edc vocabulary, which both contexts give this object; anything with a colon is already an
/// IRI), values as strings (a plain string, or a JSON-LD value object's <c>@value</c>).
/// </summary>
internal static class PrivatePropertiesReader
{
    private const string Term = "privateProperties";

    /// <param name="value">The request's privateProperties, null when it has none.</param>
    /// <param name="apiVersion">v3 reports a non-object as EDC's transformer does, v4 as its JSON schema does.</param>
    /// <param name="errors">Where a non-object privateProperties is reported.</param>
    public static IReadOnlyDictionary<string, string> Read(JsonElement? value, string apiVersion, List<ApiErrorDetail> errors)
    {
        if (value is not { } properties || properties.ValueKind == JsonValueKind.Null)
        {
            return ReadOnlyDictionary<string, string>.Empty;
        }

        if (properties.ValueKind != JsonValueKind.Object)
        {
            errors.Add(apiVersion == ManagementApiVersion.V4
                ? V4Schema.WrongType("$." + Term, properties, "object")
                : new ApiErrorDetail(
                    $"Property '{JsonLdContext.EdcNamespace}{Term}' must be OBJECT but was: {properties.ValueKind.ToString().ToUpperInvariant()}",
                    EdcError.InvalidRequest,
                    JsonLdContext.EdcNamespace + Term));
            return ReadOnlyDictionary<string, string>.Empty;
        }

        var read = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in properties.EnumerateObject().Where(property => !property.Name.StartsWith('@')))
        {
            if (AsString(property.Value) is { } text)
            {
                read[Expand(property.Name)] = text;
            }
        }

        return read;
    }

    /// <summary>The IRI a privateProperties key stands for.</summary>
    public static string Expand(string key) =>
        key.StartsWith("edc:", StringComparison.Ordinal) ? JsonLdContext.EdcNamespace + key[4..]
        : key.Contains(':', StringComparison.Ordinal) ? key
        : JsonLdContext.EdcNamespace + key;

    private static string? AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        JsonValueKind.Object when value.TryGetProperty("@value", out var inner) => AsString(inner),
        JsonValueKind.Array when value.GetArrayLength() == 1 => AsString(value[0]),
        _ => value.GetRawText(),
    };
}
