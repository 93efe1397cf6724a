using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Orchestrations;

/// <summary>What a retry found: the orchestration as stored afterwards, the outcome, and the indexes of the items it queued again.</summary>
public sealed record ItemsRetry(Orchestration Orchestration, RetryOutcome Outcome, IReadOnlyList<int> Retried);
