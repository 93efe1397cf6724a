namespace DataOrchestrator.EdcSimulator.Transfers;

/// <summary>
/// A Management API QuerySpec over the transfer processes, as far as the simulator answers one: every filter must
/// match, then a sort on <c>createdAt</c> or <c>id</c> (creation order without one; processes created in the same
/// millisecond keep it, reversed for DESC), then <c>offset</c> and <c>limit</c>.
/// </summary>
internal sealed record TransferQuery(
    IReadOnlyList<TransferCriterion> Filters,
    int Offset = 0,
    int Limit = TransferQuery.DefaultLimit,
    string? SortField = null,
    bool Descending = false)
{
    /// <summary>EDC's page size when a QuerySpec names none.</summary>
    public const int DefaultLimit = 50;

    public const string CreatedAt = "createdAt";

    public const string Id = "id";

    /// <summary>The first contractId the query filters on, for the call log and the agreement's latency.</summary>
    public string? ContractId => Filters.FirstOrDefault(filter => filter.OperandLeft == "contractId")?.Value;

    public static bool CanSortBy(string field) => field is CreatedAt or Id;

    /// <param name="transfers">The known transfer processes, oldest first.</param>
    /// <param name="nowMs">The instant states are taken at.</param>
    public IReadOnlyList<SimulatedTransfer> Run(IReadOnlyList<SimulatedTransfer> transfers, long nowMs)
    {
        var matching = transfers
            .Select((transfer, index) => (Transfer: transfer, Index: index))
            .Where(entry => Filters.All(filter => filter.Matches(entry.Transfer, nowMs)));
        var order = Comparer<(SimulatedTransfer Transfer, int Index)>.Create(Compare);
        var sorted = SortField is null ? matching
            : Descending ? matching.OrderByDescending(entry => entry, order)
            : matching.OrderBy(entry => entry, order);
        return sorted.Skip(Offset).Take(Limit).Select(entry => entry.Transfer).ToArray();
    }

    private int Compare((SimulatedTransfer Transfer, int Index) left, (SimulatedTransfer Transfer, int Index) right)
    {
        var byField = SortField == Id
            ? string.CompareOrdinal(left.Transfer.Id, right.Transfer.Id)
            : left.Transfer.CreatedAtMs.CompareTo(right.Transfer.CreatedAtMs);
        return byField != 0 ? byField : left.Index.CompareTo(right.Index);
    }
}
