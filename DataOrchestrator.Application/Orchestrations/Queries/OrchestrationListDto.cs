namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>A page of status entries, newest first, and the cursor of the next page (null on the last).</summary>
public sealed record OrchestrationListDto(IReadOnlyList<OrchestrationStatusDto> Orchestrations, string? NextCursor);
