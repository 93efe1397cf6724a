using System.Text.Json;
using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Reads a v3 QuerySpec with the checks of EDC's JSON-LD QuerySpecValidator and CriterionValidator: terms compact,
/// "edc:"-prefixed or as IRIs, values plain or as JSON-LD value objects, messages naming the expanded IRI.
/// </summary>
internal static class QuerySpecV3
{
    private const string Ns = JsonLdContext.EdcNamespace;

    public static QuerySpecParts Read(JsonElement root, List<ApiErrorDetail> errors)
    {
        var offset = OptionalInt(root, "offset", 0, 0, "must be greater or equal to zero", errors);
        var limit = OptionalInt(root, "limit", TransferQuery.DefaultLimit, 1, "must be greater than zero", errors);
        var sortOrder = JsonTerms.AsString(Unwrap(JsonTerms.FindEdc(root, "sortOrder")));
        if (sortOrder is not (null or "ASC" or "DESC"))
        {
            errors.Add(Violation($"optional value '{Ns}sortOrder' must be one of [ASC, DESC]", Ns + "sortOrder", sortOrder));
        }

        var sortField = JsonTerms.AsString(Unwrap(JsonTerms.FindEdc(root, "sortField")));
        if (sortField is not null && string.IsNullOrWhiteSpace(sortField))
        {
            errors.Add(Violation($"optional value '{Ns}sortField' is blank", Ns + "sortField"));
        }

        return new QuerySpecParts(offset, limit, sortField, sortOrder == "DESC", Criteria(root, errors));
    }

    private static List<QuerySpecParts.Criterion> Criteria(JsonElement root, List<ApiErrorDetail> errors)
    {
        var criteria = new List<QuerySpecParts.Criterion>();
        if (JsonTerms.FindEdc(root, "filterExpression") is not { ValueKind: not JsonValueKind.Null } expression)
        {
            return criteria;
        }

        // JSON-LD reads a single object where an array is expected as an array of one.
        var entries = expression.ValueKind == JsonValueKind.Array ? expression.EnumerateArray().ToArray() : [expression];
        var at = Ns + "filterExpression/" + Ns;
        foreach (var entry in entries)
        {
            var operandLeft = JsonTerms.AsString(Unwrap(JsonTerms.FindEdc(entry, "operandLeft")));
            var op = JsonTerms.AsString(Unwrap(JsonTerms.FindEdc(entry, "operator")));
            var operandRight = Unwrap(JsonTerms.FindEdc(entry, "operandRight"));
            if (string.IsNullOrWhiteSpace(operandLeft))
            {
                errors.Add(Violation($"mandatory value '{at}operandLeft' is missing or it is blank", at + "operandLeft"));
            }

            if (string.IsNullOrWhiteSpace(op))
            {
                errors.Add(Violation($"mandatory value '{at}operator' is missing or it is blank", at + "operator"));
            }

            if (operandRight is not { ValueKind: not JsonValueKind.Null } right)
            {
                errors.Add(Violation($"mandatory array '{at}operandRight' is missing", at + "operandRight"));
            }
            else if (!string.IsNullOrWhiteSpace(operandLeft) && !string.IsNullOrWhiteSpace(op))
            {
                criteria.Add(new(operandLeft, op, JsonTerms.AsString(right) ?? right.GetRawText(), at + "operator"));
            }
        }

        return criteria;
    }

    private static int OptionalInt(JsonElement root, string term, int absent, int minimum, string problem, List<ApiErrorDetail> errors)
    {
        if (Unwrap(JsonTerms.FindEdc(root, term)) is not { ValueKind: not JsonValueKind.Null } value)
        {
            return absent;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            errors.Add(Violation($"optional value '{Ns}{term}' must be an integer", Ns + term, value.GetRawText()));
            return absent;
        }

        if (number < minimum)
        {
            errors.Add(Violation($"optional value '{Ns}{term}' {problem}", Ns + term, value.GetRawText()));
        }

        return number;
    }

    // A JSON-LD value object ({"@value": …}) or a one-element array stands for its value.
    private static JsonElement? Unwrap(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.Object } node when node.TryGetProperty("@value", out var value) => value,
        { ValueKind: JsonValueKind.Array } list when list.GetArrayLength() == 1 => Unwrap(list[0]),
        _ => element,
    };

    private static ApiErrorDetail Violation(string message, string path, string? invalidValue = null) =>
        new(message, EdcError.ValidationFailure, path, invalidValue);
}
