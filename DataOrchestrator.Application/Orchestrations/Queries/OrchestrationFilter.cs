using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>Which orchestrations a listing returns: any of some process statuses, created within a time range (both ends exclusive).</summary>
public sealed record OrchestrationFilter(IReadOnlySet<ProcessStatus>? Statuses = null, DateTimeOffset? CreatedAfter = null, DateTimeOffset? CreatedBefore = null)
{
    public static OrchestrationFilter None { get; } = new();

    public bool Matches(Orchestration orchestration)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        return (Statuses is null || Statuses.Contains(orchestration.ProcessStatus))
            && (CreatedAfter is null || orchestration.CreatedAt > CreatedAfter)
            && (CreatedBefore is null || orchestration.CreatedAt < CreatedBefore);
    }
}
