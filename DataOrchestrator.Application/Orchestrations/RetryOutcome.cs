namespace DataOrchestrator.Application.Orchestrations;

/// <summary>What a store's retry did.</summary>
public enum RetryOutcome
{
    /// <summary>The items are QUEUED again.</summary>
    Retried = 0,

    /// <summary>Nothing changed: an item of the orchestration is unfinished.</summary>
    Running = 1,

    /// <summary>Nothing changed: none of the chosen items is FAILED or CANCELLED.</summary>
    NothingToRetry = 2,
}
