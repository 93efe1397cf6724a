using System.Text.Json;

namespace DataOrchestrator.Application.Transfers.Catalog.Policies;

/// <summary>The JSON-LD shapes a policy's values come in: one value or an array of them, <c>@list</c>/<c>@set</c> objects.</summary>
internal static class JsonLdValues
{
    /// <summary>One value, an array of them, or a JSON-LD <c>@list</c>/<c>@set</c> object; <c>null</c> is none.</summary>
    public static IEnumerable<JsonElement> Items(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            if (value.ValueKind == JsonValueKind.Object && ListOf(value) is { } list)
            {
                foreach (var item in Items(list))
                {
                    yield return item;
                }
            }
            else
            {
                yield return value;
            }

            yield break;
        }

        foreach (var item in value.EnumerateArray())
        {
            foreach (var inner in item.ValueKind == JsonValueKind.Object && ListOf(item) is { } list ? Items(list) : [item])
            {
                yield return inner;
            }
        }
    }

    private static JsonElement? ListOf(JsonElement value) =>
        value.TryGetProperty("@list", out var list) || value.TryGetProperty("@set", out list) ? list : null;

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };
}
