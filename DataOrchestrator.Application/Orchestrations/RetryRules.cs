using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Orchestrations;

/// <summary>How a retry changes an orchestration, the same for every store (each applies it under its own lock).</summary>
public static class RetryRules
{
    /// <summary>
    /// The orchestration after retrying its FAILED and CANCELLED items (of <paramref name="indexes"/>, unless null), the
    /// outcome, and the indexes retried; unchanged unless the outcome is <see cref="RetryOutcome.Retried"/>.
    /// </summary>
    public static (Orchestration Orchestration, RetryOutcome Outcome, IReadOnlyList<int> Retried) Apply(
        Orchestration orchestration, IReadOnlySet<int>? indexes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        if (!orchestration.Items.All(i => i.IsFinished))
        {
            return (orchestration, RetryOutcome.Running, []);
        }

        var retried = orchestration.Items.Where(i => i.IsRetryable && (indexes is null || indexes.Contains(i.Index))).Select(i => i.Index).ToArray();
        if (retried.Length == 0)
        {
            return (orchestration, RetryOutcome.NothingToRetry, []);
        }

        var items = orchestration.Items.Select(i => retried.Contains(i.Index) ? i.Retry() : i).ToArray();

        // The cancel belonged to the round that ended: left in place, it would cancel the retried items at once.
        return (orchestration with
        {
            Items = items,
            CancelRequestedAt = null,
            UpdatedAt = now > orchestration.UpdatedAt ? now : orchestration.UpdatedAt,
            Callback = orchestration.Callback?.NextRound(now),
        }, RetryOutcome.Retried, retried);
    }
}
