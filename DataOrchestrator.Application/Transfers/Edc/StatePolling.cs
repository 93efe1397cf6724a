namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>
/// Polls an EDC state machine (transfer process, contract negotiation) until it reaches its goal, fails, or the
/// time runs out. The delay starts short, because EDC is usually quick, and doubles up to a ceiling.
/// </summary>
internal static class StatePolling
{
    public static async Task<PollResult> UntilAsync(
        Func<CancellationToken, Task<string>> readState,
        string goal,
        Func<string, bool> isFailure,
        TimeSpan timeout,
        TransferOptions options,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(options.StatePollIntervalMs);
        var maxDelay = TimeSpan.FromMilliseconds(Math.Max(options.StatePollIntervalMs, options.StatePollMaxIntervalMs));
        while (true)
        {
            var state = await readState(cancellationToken);
            if (state == goal || isFailure(state))
            {
                return new PollResult(state, TimedOut: false);
            }

            var remaining = timeout - timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return new PollResult(state, TimedOut: true);
            }

            await Task.Delay(delay < remaining ? delay : remaining, timeProvider, cancellationToken);
            delay = delay * 2 < maxDelay ? delay * 2 : maxDelay;
        }
    }

    /// <summary>The last state seen, and whether it is there because the time ran out.</summary>
    public readonly record struct PollResult(string State, bool TimedOut);
}
