namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>What <see cref="EdcStateWaiter"/> waits for: one EDC state machine (transfer process, contract negotiation) and its goal.</summary>
public sealed record EdcWait
{
    /// <summary>The process as the error messages name it, e.g. "Transfer process tp-1".</summary>
    public required string Subject { get; init; }

    /// <summary>The process id, for the log.</summary>
    public required string ProcessId { get; init; }

    public required string Goal { get; init; }

    public required Func<string, bool> IsFailure { get; init; }

    public required TimeSpan Timeout { get; init; }

    public required Func<CancellationToken, Task<string>> ReadState { get; init; }

    /// <summary>EDC's explanation of a failed process (its errorDetail), read once the process has failed.</summary>
    public required Func<CancellationToken, Task<string?>> ReadErrorDetail { get; init; }

    /// <summary>The item error code when the goal was not reached in time.</summary>
    public required string TimeoutCode { get; init; }

    /// <summary>The item error code when the process ended in a failure state.</summary>
    public required string FailedCode { get; init; }
}
