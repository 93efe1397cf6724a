namespace DataOrchestrator.Application.Transfers;

/// <summary>How an item's run ended for the worker: done with it, or to be run again after a while (its connector is away).</summary>
public readonly record struct ItemRunResult(TimeSpan? RetryAfter)
{
    /// <summary>Finished, failed, cancelled, or left to another instance: nothing more for this worker to do.</summary>
    public static ItemRunResult Done => default;

    public static ItemRunResult RetryIn(TimeSpan delay) => new(delay);
}
