using System.Globalization;
using System.Text.Json;

namespace DataOrchestrator.Application.Transfers.Catalog.Policies;

/// <summary>
/// Reads constraints (of rules and of action refinements), operand names and rightOperand values for
/// <see cref="OdrlPolicyReader"/>, adding what it cannot read to the same problems.
/// </summary>
internal sealed class OdrlConstraintReader(OdrlNames names, List<string> problems)
{
    private static readonly HashSet<string> IgnoredConstraintKeys = new(StringComparer.Ordinal) { "@id", "@type", "@context", "uid" };

    public List<OdrlConstraint> ReadConstraints(JsonElement value, string path)
    {
        var constraints = new List<OdrlConstraint>();
        var index = 0;
        foreach (var item in JsonLdValues.Items(value))
        {
            if (ReadConstraint(item, $"{path}[{index++}]") is { } constraint)
            {
                constraints.Add(constraint);
            }
        }

        return constraints;
    }

    private OdrlConstraint? ReadConstraint(JsonElement constraint, string path)
    {
        if (constraint.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path} must be a constraint object, not {JsonLdValues.Describe(constraint)}");
            return null;
        }

        string? left = null, op = null, logical = null;
        List<string>? right = null;
        List<OdrlConstraint>? operands = null;
        foreach (var property in constraint.EnumerateObject())
        {
            var key = names.Resolve(property.Name);
            switch (key)
            {
                case "leftOperand":
                    left = ReadName(property.Value, $"{path}.leftOperand", "leftOperand");
                    break;
                case "operator":
                    op = ReadName(property.Value, $"{path}.operator", "operator");
                    break;
                case "rightOperand":
                    right = ReadValues(property.Value, $"{path}.rightOperand");
                    break;
                case "and" or "or" or "xone" or "andSequence":
                    if (logical is not null && logical != key)
                    {
                        problems.Add($"{path} has both '{logical}' and '{key}'; a logical constraint has one operator");
                    }

                    logical = key;
                    operands ??= [];
                    operands.AddRange(ReadConstraints(property.Value, $"{path}.{key}"));
                    break;
                default:
                    if (!IgnoredConstraintKeys.Contains(key))
                    {
                        problems.Add($"{path} has the unknown key '{property.Name}' (known: leftOperand, operator, rightOperand, and, or, xone, andSequence)");
                    }

                    break;
            }
        }

        if (logical is not null)
        {
            if (left is not null || op is not null || right is not null)
            {
                problems.Add($"{path} mixes '{logical}' with leftOperand/operator/rightOperand");
            }

            if (operands!.Count == 0)
            {
                problems.Add($"{path}.{logical} has no constraints");
            }

            return new OdrlLogicalConstraint(logical, operands);
        }

        foreach (var (part, missing) in new[] { ("leftOperand", left is null), ("operator", op is null), ("rightOperand", right is null) })
        {
            if (missing)
            {
                problems.Add($"{path} has no {part}");
            }
        }

        return new OdrlAtomicConstraint(left ?? "", op ?? "", right ?? []);
    }

    /// <summary>A name as a string, <c>{"@id": …}</c> or <c>{"@value": …}</c>, alone or in a one-element array.</summary>
    public string? ReadName(JsonElement value, string path, string what)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return names.Resolve(value.GetString()!);
            case JsonValueKind.Array when value.GetArrayLength() == 1:
                return ReadName(value[0], path, what);
            case JsonValueKind.Object:
                foreach (var key in (ReadOnlySpan<string>)["@id", "@value"])
                {
                    if (value.TryGetProperty(key, out var inner) && inner.ValueKind == JsonValueKind.String)
                    {
                        return names.Resolve(inner.GetString()!);
                    }
                }

                break;
        }

        problems.Add($"{path} must be one {what} name (a string, or an object with @id), not {JsonLdValues.Describe(value)}");
        return null;
    }

    /// <summary>
    /// The values of a rightOperand as texts: a string as it is (whitespace counts), a number or boolean as its JSON
    /// text, <c>{"@value": …}</c> as its value's text (its <c>@type</c> ignored), <c>{"@id": …}</c> as the resolved IRI.
    /// </summary>
    private List<string>? ReadValues(JsonElement value, string path)
    {
        var values = new List<string>();
        var index = 0;
        foreach (var item in JsonLdValues.Items(value))
        {
            if (ReadValue(item) is { } text)
            {
                values.Add(text);
            }
            else
            {
                problems.Add($"{path}[{index}] must be a string, number, boolean, or an object with @value or @id, not {JsonLdValues.Describe(item)}");
            }

            index++;
        }

        if (values.Count == 0 && index == 0)
        {
            problems.Add($"{path} has no value");
        }

        return values;
    }

    private string? ReadValue(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Number:
                return value.GetRawText();
            case JsonValueKind.True or JsonValueKind.False:
                return value.GetBoolean().ToString(CultureInfo.InvariantCulture).ToLowerInvariant();
            case JsonValueKind.Object when value.TryGetProperty("@value", out var literal):
                return literal.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? null : ReadValue(literal);
            case JsonValueKind.Object when value.TryGetProperty("@id", out var id) && id.ValueKind == JsonValueKind.String:
                return names.Resolve(id.GetString()!);
            default:
                return null;
        }
    }
}
