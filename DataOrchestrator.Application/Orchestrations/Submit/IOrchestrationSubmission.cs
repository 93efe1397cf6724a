namespace DataOrchestrator.Application.Orchestrations.Submit;

/// <summary>Accepts orchestrations: validates, stores and queues them.</summary>
public interface IOrchestrationSubmission
{
    /// <summary>
    /// Validates the submission (throws FluentValidation's ValidationException), stores the orchestration and queues its
    /// items; throws <see cref="Errors.QueueFullException"/> when there is no room. With an Idempotency-Key a repeat of
    /// the same request returns the first orchestration, and a different request under the same key throws
    /// <see cref="Errors.IdempotencyConflictException"/>.
    /// </summary>
    Task<OrchestrationAcceptedDto> SubmitAsync(SubmitOrchestration submission, CancellationToken cancellationToken);
}
