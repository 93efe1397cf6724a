namespace DataOrchestrator.Application.Orchestrations.Cancel;

/// <summary>Cancels orchestrations on a client's request.</summary>
public interface IOrchestrationCancellation
{
    /// <summary>
    /// Cancels the orchestration: items not yet started end CANCELLED at once, running ones are stopped (their transfers
    /// terminated) within moments, saved ones stay SAVED. Answers the orchestration as it stands; throws
    /// <see cref="Errors.OrchestrationNotFoundException"/>, or <see cref="Errors.OrchestrationFinishedException"/> when it had finished.
    /// </summary>
    Task<Queries.OrchestrationStatusDto> CancelAsync(string orchestrationId, CancellationToken cancellationToken);
}
