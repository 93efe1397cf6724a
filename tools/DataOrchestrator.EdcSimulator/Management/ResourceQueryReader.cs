using System.Text.Json;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Turns a version-checked QuerySpec (<see cref="QuerySpecParts"/>) into a <see cref="ResourceQuery{T}"/> over the
/// fields a resource offers. Operators <c>=</c> and <c>in</c> (operandRight an array); an unknown operandLeft, operator
/// or sortField is a 400 that names it, as EDC refuses a path its QueryValidator cannot resolve.
/// </summary>
internal static class ResourceQueryReader
{
    public static ResourceQuery<T>? Build<T>(QuerySpecParts parts, ResourceFields<T> fields, List<ApiErrorDetail> errors)
    {
        var filters = new List<ResourceQuery<T>.Filter>();
        foreach (var criterion in parts.Filters)
        {
            if (criterion.Operator is not ("=" or "in"))
            {
                errors.Add(new ApiErrorDetail(
                    $"Operator {criterion.Operator} is not supported (the simulator filters with = and in only)",
                    EdcError.ValidationFailure,
                    criterion.OperatorPath,
                    criterion.Operator));
            }
            else if (!fields.Filters.TryGetValue(criterion.OperandLeft, out var read))
            {
                errors.Add(new ApiErrorDetail(
                    $"Error validating schema: the simulator cannot filter {fields.Resource} on '{criterion.OperandLeft}', only on {string.Join(", ", fields.Filters.Keys)}",
                    EdcError.InvalidRequest,
                    InvalidValue: criterion.OperandLeft));
            }
            else if (Values(criterion) is { } values)
            {
                filters.Add(new ResourceQuery<T>.Filter(criterion.OperandLeft, read, values));
            }
            else
            {
                errors.Add(new ApiErrorDetail(
                    $"Operator in needs an array of strings as operandRight, not {criterion.OperandRight}",
                    EdcError.InvalidRequest,
                    InvalidValue: criterion.OperandRight));
            }
        }

        Comparison<T>? sort = null;
        if (parts.SortField is { } sortField && !fields.Sorts.TryGetValue(sortField, out sort))
        {
            errors.Add(new ApiErrorDetail(
                $"The simulator sorts {fields.Resource} by {string.Join(" or ", fields.Sorts.Keys)} only, not by '{sortField}'",
                EdcError.InvalidRequest,
                InvalidValue: sortField));
        }

        return errors.Count > 0 ? null : new ResourceQuery<T>(filters, parts.Offset, parts.Limit, sort, parts.Descending);
    }

    // "=" takes the value as it is; "in" an array (v3 unwraps a one-element array to its value already).
    private static HashSet<string>? Values(QuerySpecParts.Criterion criterion)
    {
        var right = criterion.OperandRight;
        if (criterion.Operator == "=" || !right.StartsWith('['))
        {
            return new HashSet<string>(StringComparer.Ordinal) { right };
        }

        try
        {
            var values = JsonSerializer.Deserialize<string[]>(right);
            return values is null ? null : new HashSet<string>(values, StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
