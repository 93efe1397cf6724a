namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// A QuerySpec over one kind of resource: every filter must match (<c>=</c> one value, <c>in</c> any of several),
/// then the sort (the given order without one; equal keys keep it, reversed for DESC), then offset and limit.
/// </summary>
internal sealed class ResourceQuery<T>(
    IReadOnlyList<ResourceQuery<T>.Filter> filters, int offset, int limit, Comparison<T>? sort, bool descending)
{
    /// <summary>The first single value an <c>=</c> filter on <paramref name="field"/> asks for, for the call log and latency.</summary>
    public string? ValueOf(string field) =>
        filters.FirstOrDefault(filter => filter.Field == field && filter.Values.Count == 1)?.Values.Single();

    public IReadOnlyList<T> Run(IEnumerable<T> items)
    {
        var matching = items
            .Select((item, index) => (Item: item, Index: index))
            .Where(entry => filters.All(filter => filter.Read(entry.Item) is { } value && filter.Values.Contains(value)));
        if (sort is not null)
        {
            var order = Comparer<(T Item, int Index)>.Create((left, right) =>
            {
                var byField = sort(left.Item, right.Item);
                return byField != 0 ? byField : left.Index.CompareTo(right.Index);
            });
            matching = descending ? matching.OrderByDescending(entry => entry, order) : matching.OrderBy(entry => entry, order);
        }

        return matching.Skip(offset).Take(limit).Select(entry => entry.Item).ToArray();
    }

    /// <summary>One criterion: the field, how to read it, and the values that match.</summary>
    internal sealed record Filter(string Field, Func<T, string?> Read, IReadOnlySet<string> Values);
}
