using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>
/// One page of orchestrations, newest first. <see cref="NextBefore"/> is the store's position to continue from
/// (exclusive), or null on the last page; positions never change once given, so pages stay stable under inserts.
/// </summary>
public sealed record OrchestrationPage(IReadOnlyList<Orchestration> Orchestrations, long? NextBefore);
