using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>
/// What a store counts for GET /status/summary: its orchestrations by process status (statuses without any are left
/// out), and its finished items by the minute their <c>finished_at</c> falls in and their final status.
/// </summary>
public sealed record OrchestrationSummary(IReadOnlyDictionary<ProcessStatus, long> ProcessCounts, IReadOnlyList<FinishedItemCount> Finished);
