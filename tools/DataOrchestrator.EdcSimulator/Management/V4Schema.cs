using System.Text.Json;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// The checks EDC's v4 JSON schemas make (schema/management/v4): <c>@context</c> an array containing the v2
/// context, <c>@type</c> a constant, required properties by their exact names, protocol XOR profile. Messages
/// follow the JSON schema validator's "$.path: problem" form. Blank strings are refused too, since the simulator
/// has no later lookup that would fail on them as EDC's does.
/// </summary>
internal static class V4Schema
{
    public static void CheckEnvelope(JsonElement root, string expectedType, List<ApiErrorDetail> errors)
    {
        if (!root.TryGetProperty("@context", out var context))
        {
            errors.Add(MissingProperty("$", "@context"));
        }
        else if (context.ValueKind != JsonValueKind.Array)
        {
            errors.Add(WrongType("$.@context", context, "array"));
        }
        else if (!context.EnumerateArray().Any(IsManagementContextV2))
        {
            errors.Add(Violation("$.@context", $"does not contain '{JsonLdContext.ManagementContextV2}'"));
        }

        if (!root.TryGetProperty("@type", out var type))
        {
            errors.Add(MissingProperty("$", "@type"));
        }
        else if (type.ValueKind != JsonValueKind.String || type.GetString() != expectedType)
        {
            errors.Add(Violation("$.@type", $"must be the constant value '{expectedType}'"));
        }
    }

    /// <summary>A required, non-blank string property of <paramref name="element"/> (found at <paramref name="at"/>).</summary>
    public static string? Required(JsonElement element, string name, List<ApiErrorDetail> errors, string at = "$")
    {
        if (!element.TryGetProperty(name, out var value))
        {
            errors.Add(MissingProperty(at, name));
            return null;
        }

        return NonBlankString(value, $"{at}.{name}", errors);
    }

    /// <summary>Exactly one of two string properties (EDC: protocol XOR profile); returns the one given.</summary>
    public static string? ExactlyOneOf(JsonElement root, string first, string second, List<ApiErrorDetail> errors)
    {
        var hasFirst = root.TryGetProperty(first, out var firstValue);
        var hasSecond = root.TryGetProperty(second, out var secondValue);
        if (hasFirst == hasSecond)
        {
            errors.Add(Violation(
                "$",
                $"must be valid to one and only one schema, but {(hasFirst ? 2 : 0)} are valid " +
                $"(exactly one of '{first}' and '{second}' is required)"));
            return null;
        }

        return hasFirst
            ? NonBlankString(firstValue, $"$.{first}", errors)
            : NonBlankString(secondValue, $"$.{second}", errors);
    }

    /// <summary>An optional string property; null when absent or not a string.</summary>
    public static string? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? JsonTerms.AsString(value) : null;

    public static ApiErrorDetail WrongType(string path, JsonElement value, string expected) =>
        Violation(path, $"{KindOf(value)} found, {expected} expected");

    public static ApiErrorDetail MissingProperty(string at, string name) =>
        Violation(at, $"required property '{name}' not found");

    public static ApiErrorDetail Violation(string path, string problem) =>
        new($"{path}: {problem}", EdcError.ValidationFailure, path);

    private static string? NonBlankString(JsonElement value, string path, List<ApiErrorDetail> errors)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(WrongType(path, value, "string"));
            return null;
        }

        var text = value.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(Violation(path, "must not be blank"));
            return null;
        }

        return text;
    }

    private static bool IsManagementContextV2(JsonElement entry) =>
        entry.ValueKind == JsonValueKind.String && entry.GetString() == JsonLdContext.ManagementContextV2;

    private static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
