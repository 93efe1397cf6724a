namespace DataOrchestrator.Application.Orchestrations.Submit;

/// <summary>
/// What storing an orchestration under an idempotency key did: <see cref="Created"/> it, or found the key taken by
/// <see cref="OrchestrationId"/>, for the same request (<see cref="SameRequest"/>) or a different one.
/// </summary>
public sealed record IdempotentAdd(Guid OrchestrationId, bool Created, bool SameRequest);
