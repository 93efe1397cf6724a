namespace DataOrchestrator.Bench.Processes;

/// <summary>When an item's orchestration was created, and when a worker started and finished the item.</summary>
internal sealed record ItemTiming(string OrchestrationId, string Status, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);
