namespace DataOrchestrator.Application.Workers;

/// <summary>One item of one orchestration, waiting for a worker.</summary>
public readonly record struct ItemWork(Guid OrchestrationId, int ItemIndex);
