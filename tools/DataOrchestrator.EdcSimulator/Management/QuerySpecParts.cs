namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>What a QuerySpec body says once its version's own checks passed, before the simulator's limits apply.</summary>
internal sealed record QuerySpecParts(
    int Offset, int Limit, string? SortField, bool Descending, IReadOnlyList<QuerySpecParts.Criterion> Filters)
{
    /// <summary>One filterExpression entry; <paramref name="OperatorPath"/> is where an error about its operator points.</summary>
    public sealed record Criterion(string OperandLeft, string Operator, string OperandRight, string OperatorPath);
}
