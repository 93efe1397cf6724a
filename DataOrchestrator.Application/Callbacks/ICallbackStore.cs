using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Callbacks;

/// <summary>
/// Callback delivery state, kept with the orchestrations (in the same store), so an undelivered callback survives a
/// restart and is found by whichever instance looks next.
/// </summary>
public interface ICallbackStore
{
    /// <summary>
    /// Claims one orchestration that is terminal and whose pending callback is due at <paramref name="now"/>: counts the
    /// attempt and hides it from other claimers until <paramref name="claimedUntil"/>. Answers the orchestration as it
    /// is after the claim, or null when none is due. Concurrent claimers (other instances) never get the same one.
    /// Once the claim is made it is answered even if <paramref name="cancellationToken"/> fires meanwhile.
    /// </summary>
    Task<Orchestration?> ClaimDueCallbackAsync(DateTimeOffset now, DateTimeOffset claimedUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcome of attempt <c>callback.Attempts</c>. Ignored (answers false) when the callback is no longer
    /// pending or another attempt was claimed since (this sender's claim ran out), so a late outcome never overwrites a newer one.
    /// </summary>
    Task<bool> RecordCallbackAsync(Guid orchestrationId, OrchestrationCallback callback, CancellationToken cancellationToken);
}
