using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Application.Orchestrations.Submit;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Orchestrations;

/// <summary>
/// Where orchestrations live. All changes go through these methods (no shared mutable objects),
/// so an in-memory and a database implementation behave alike.
/// </summary>
public interface IOrchestrationRepository
{
    /// <summary>
    /// Orchestrations outlive this process (a database): an item interrupted by shutdown is left to be resumed
    /// rather than recorded as cancelled. Implementations throw <see cref="StoreUnavailableException"/> when unreachable.
    /// </summary>
    bool KeepsWorkAcrossRestarts { get; }

    Task AddAsync(Orchestration orchestration, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the orchestration unless an unexpired <paramref name="key"/> is stored already; atomic, so of concurrent
    /// submissions with one key exactly one is created and the others learn its id.
    /// </summary>
    Task<IdempotentAdd> AddIdempotentAsync(Orchestration orchestration, IdempotencyKey key, CancellationToken cancellationToken);

    Task<Orchestration?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> orchestrations that match <paramref name="filter"/>, newest first, from before
    /// position <paramref name="before"/> (from the newest when null).
    /// </summary>
    Task<OrchestrationPage> ListAsync(int limit, long? before, OrchestrationFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// Every orchestration counted by its process status as <see cref="FindAsync"/> and <see cref="ListAsync"/> answer
    /// it, and the finished items whose <see cref="OrchestrationItem.FinishedAt"/> is at or after
    /// <paramref name="finishedFrom"/> and before <paramref name="finishedUntil"/>, counted by UTC minute and final status.
    /// </summary>
    Task<OrchestrationSummary> SummarizeAsync(DateTimeOffset finishedFrom, DateTimeOffset finishedUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces one item (chosen by its index) and stamps the orchestration's update time; answers the orchestration's
    /// status before and after, so exactly one save learns that it finished the orchestration. Once a cancel was
    /// requested, an item may only be saved in a final status: anything else throws <see cref="OrchestrationCancelledException"/>.
    /// A store may take mere progress (an unfinished item whose loss a resume repairs: an attempt started, STARTED, the
    /// data address fetched, bytes downloaded) to write it a little later, in a batch: its reads answer the item as
    /// saved at once, and the save answers the item's stage as the status before and after (it cannot finish the
    /// orchestration), without the checks above; the write skips a cancelled orchestration.
    /// </summary>
    Task<ItemSaved> SaveItemAsync(Guid orchestrationId, OrchestrationItem item, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the orchestration as cancel-requested (once; a repeat keeps the first time) unless it has finished, and
    /// answers it as stored afterwards with whether this call marked it; null when there is no such orchestration.
    /// </summary>
    Task<CancelRequest?> RequestCancelAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Queues the orchestration's FAILED and CANCELLED items again (of <paramref name="indexes"/> only, unless null), in
    /// one step with the checks: nothing changes while an item is unfinished (<see cref="RetryOutcome.Running"/>) or when
    /// no chosen item qualifies (<see cref="RetryOutcome.NothingToRetry"/>). Retried items become
    /// <see cref="OrchestrationItem.Retry"/> (and claimable again in a durable queue), the cancel request is cleared,
    /// the process status is derived again and the callback, if any, starts its next round
    /// (<see cref="OrchestrationCallback.NextRound"/>). Null when there is no such orchestration.
    /// </summary>
    Task<ItemsRetry?> RetryItemsAsync(Guid id, IReadOnlySet<int>? indexes, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> orchestrations, with their items, whose items are all finished and whose last
    /// update (the last item finishing) is before <paramref name="finishedBefore"/>; the longest finished first.
    /// </summary>
    Task<IReadOnlyList<Orchestration>> FindDueForRemovalAsync(DateTimeOffset finishedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes those of <paramref name="ids"/> that are still finished and last updated before <paramref name="finishedBefore"/>
    /// (checked in the same step as the delete), with their items and idempotency keys; answers how many were deleted.
    /// Paging cursors handed out earlier stay valid: later pages simply skip what is gone.
    /// </summary>
    Task<int> RemoveAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset finishedBefore, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="limit"/> idempotency keys that expired at or before <paramref name="now"/>; answers how many.</summary>
    Task<int> PurgeExpiredIdempotencyKeysAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
