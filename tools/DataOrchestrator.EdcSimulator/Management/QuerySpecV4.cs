using System.Text.Json;
using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Reads a v4 QuerySpec with the checks of EDC's query-spec-schema.json: the v2 <c>@context</c>, <c>@type</c>
/// QuerySpec, offset an integer of at least 0, limit of at least 1, sortOrder ASC or DESC, and every filterExpression
/// entry a Criterion with operandLeft, operator and operandRight. Messages in the JSON schema validator's form.
/// </summary>
internal static class QuerySpecV4
{
    public static QuerySpecParts Read(JsonElement root, List<ApiErrorDetail> errors)
    {
        V4Schema.CheckEnvelope(root, "QuerySpec", errors);
        var offset = OptionalInt(root, "offset", 0, 0, errors);
        var limit = OptionalInt(root, "limit", TransferQuery.DefaultLimit, 1, errors);
        var sortOrder = OptionalString(root, "sortOrder", errors);
        if (sortOrder is not (null or "ASC" or "DESC"))
        {
            errors.Add(V4Schema.Violation("$.sortOrder", "does not have a value in the enumeration [ASC, DESC]"));
        }

        var sortField = OptionalString(root, "sortField", errors);
        return new QuerySpecParts(offset, limit, sortField, sortOrder == "DESC", Criteria(root, errors));
    }

    private static List<QuerySpecParts.Criterion> Criteria(JsonElement root, List<ApiErrorDetail> errors)
    {
        var criteria = new List<QuerySpecParts.Criterion>();
        if (!root.TryGetProperty("filterExpression", out var expression))
        {
            return criteria;
        }

        if (expression.ValueKind != JsonValueKind.Array)
        {
            errors.Add(V4Schema.WrongType("$.filterExpression", expression, "array"));
            return criteria;
        }

        var index = 0;
        foreach (var entry in expression.EnumerateArray())
        {
            var at = $"$.filterExpression[{index++}]";
            if (entry.ValueKind != JsonValueKind.Object)
            {
                errors.Add(V4Schema.WrongType(at, entry, "object"));
                continue;
            }

            CheckType(entry, at, errors);
            var operandLeft = V4Schema.Required(entry, "operandLeft", errors, at);
            var op = V4Schema.Required(entry, "operator", errors, at);
            var operandRight = OperandRight(entry, at, errors);
            if (operandLeft is not null && op is not null && operandRight is not null)
            {
                criteria.Add(new(operandLeft, op, operandRight, at + ".operator"));
            }
        }

        return criteria;
    }

    private static void CheckType(JsonElement criterion, string at, List<ApiErrorDetail> errors)
    {
        if (!criterion.TryGetProperty("@type", out var type))
        {
            errors.Add(V4Schema.MissingProperty(at, "@type"));
        }
        else if (type.ValueKind != JsonValueKind.String || type.GetString() != "Criterion")
        {
            errors.Add(V4Schema.Violation(at + ".@type", "must be the constant value 'Criterion'"));
        }
    }

    // The schema allows a string, number, boolean, object or array; "=" compares the text of anything but a string.
    private static string? OperandRight(JsonElement criterion, string at, List<ApiErrorDetail> errors)
    {
        if (!criterion.TryGetProperty("operandRight", out var value))
        {
            errors.Add(V4Schema.MissingProperty(at, "operandRight"));
            return null;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(V4Schema.WrongType(at + ".operandRight", value, "[string, number, boolean, object, array]"));
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
    }

    private static int OptionalInt(JsonElement root, string name, int absent, int minimum, List<ApiErrorDetail> errors)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return absent;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            errors.Add(V4Schema.WrongType("$." + name, value, "integer"));
            return absent;
        }

        if (number < minimum)
        {
            errors.Add(V4Schema.Violation("$." + name, $"must have a minimum value of {minimum}"));
        }

        return number;
    }

    private static string? OptionalString(JsonElement root, string name, List<ApiErrorDetail> errors)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(V4Schema.WrongType("$." + name, value, "string"));
            return null;
        }

        return value.GetString();
    }
}
