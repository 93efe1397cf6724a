using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Workers;
using FluentValidation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Orchestrations.Submit;

public sealed class OrchestrationSubmission(
    IValidator<SubmitOrchestration> validator,
    IOrchestrationRepository repository,
    IOrchestrationQueue queue,
    IOptions<WorkerOptions> workerOptions,
    IOptions<IdempotencyOptions> idempotencyOptions,
    TimeProvider timeProvider,
    ILogger<OrchestrationSubmission> logger) : IOrchestrationSubmission
{
    public async Task<OrchestrationAcceptedDto> SubmitAsync(SubmitOrchestration submission, CancellationToken cancellationToken)
    {
        await validator.ValidateAndThrowAsync(submission, cancellationToken);
        var (request, idempotencyKey) = submission;
        var orchestration = NewOrchestration.From(request, timeProvider.GetUtcNow());

        using var reservation = await queue.TryReserveAsync(orchestration.Items.Count, cancellationToken)
            ?? throw new QueueFullException(TimeSpan.FromSeconds(workerOptions.Value.RetryAfterSeconds));

        // Once room is reserved the orchestration is accepted: finish storing and queueing it even if the client goes away.
        if (idempotencyKey is not null)
        {
            var key = new IdempotencyKey(idempotencyKey, NewOrchestration.Fingerprint(request), orchestration.CreatedAt + idempotencyOptions.Value.KeyTtl);
            var added = await repository.AddIdempotentAsync(orchestration, key, CancellationToken.None);
            if (!added.Created)
            {
                logger.LogInformation("Idempotency key repeated for orchestration {OrchestrationId} (same request: {SameRequest})", added.OrchestrationId, added.SameRequest);
                return added.SameRequest
                    ? new OrchestrationAcceptedDto { OrchestrationId = added.OrchestrationId.ToString() }
                    : throw new IdempotencyConflictException("The Idempotency-Key was used before with a different request.");
            }
        }
        else
        {
            await repository.AddAsync(orchestration, CancellationToken.None);
        }

        foreach (var item in orchestration.Items)
        {
            reservation.Enqueue(new ItemWork(orchestration.Id, item.Index));
        }

        logger.LogInformation(
            "Orchestration {OrchestrationId} accepted with {ItemCount} items for connector {ConnectorAddress}",
            orchestration.Id, orchestration.Items.Count, orchestration.ConnectorAddress);
        return new OrchestrationAcceptedDto { OrchestrationId = orchestration.Id.ToString() };
    }
}
