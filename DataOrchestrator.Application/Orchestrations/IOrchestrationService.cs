using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Application.Orchestrations.Submit;

namespace DataOrchestrator.Application.Orchestrations;

/// <summary>What the HTTP API offers: submit orchestrations and read their status.</summary>
public interface IOrchestrationService
{
    /// <summary>
    /// Stores the orchestration and queues its items; throws <see cref="QueueFullException"/> when there is no room.
    /// With an <paramref name="idempotencyKey"/> a repeat of the same request returns the first orchestration, and a
    /// different request under the same key throws <see cref="IdempotencyConflictException"/>.
    /// </summary>
    Task<OrchestrationAcceptedDto> SubmitAsync(OrchestrateRequest request, string? idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="OrchestrationNotFoundException"/> for an unknown id.</summary>
    Task<OrchestrationStatusDto> GetAsync(string orchestrationId, CancellationToken cancellationToken);

    /// <summary>
    /// The saved file of one item, by its transfer id; throws <see cref="OrchestrationNotFoundException"/> or
    /// <see cref="SavedFileNotFoundException"/>.
    /// </summary>
    Task<SavedFileDto> GetFileAsync(string orchestrationId, string transferId, CancellationToken cancellationToken);

    /// <summary>A page of orchestrations, newest first; throws FluentValidation's ValidationException for a bad limit or cursor.</summary>
    Task<OrchestrationListDto> ListAsync(ListOrchestrationsQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels the orchestration: items not yet started end CANCELLED at once, running ones are stopped (their transfers
    /// terminated) within moments, saved ones stay SAVED. Answers the orchestration as it stands; throws
    /// <see cref="OrchestrationNotFoundException"/>, or <see cref="OrchestrationFinishedException"/> when it had finished.
    /// </summary>
    Task<OrchestrationStatusDto> CancelAsync(string orchestrationId, CancellationToken cancellationToken);
}
