namespace DataOrchestrator.Application.Orchestrations.Retry;

/// <summary>Runs a finished orchestration's FAILED and CANCELLED items again on a client's request.</summary>
public interface IOrchestrationRetry
{
    /// <summary>
    /// Puts the orchestration's FAILED and CANCELLED items (those of <paramref name="request"/>, when it names some) back
    /// into the queue and answers the orchestration as it stands. Throws <see cref="Errors.OrchestrationNotFoundException"/>,
    /// <see cref="Errors.OrchestrationRunningException"/> while an item is unfinished, <see cref="Errors.NothingToRetryException"/>
    /// when no item qualifies, a <c>ValidationException</c> naming unknown items, or <see cref="Errors.QueueFullException"/>.
    /// </summary>
    Task<Queries.OrchestrationStatusDto> RetryAsync(string orchestrationId, RetryItemsRequest? request, CancellationToken cancellationToken);
}
