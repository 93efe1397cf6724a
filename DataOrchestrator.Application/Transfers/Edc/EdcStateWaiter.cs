using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>
/// Waits for an EDC state machine (transfer process, contract negotiation) to reach its goal, and explains a failure:
/// a timeout, or the failure state with EDC's errorDetail. Polls with a delay that starts short, because EDC is
/// usually quick, and doubles up to a ceiling.
/// </summary>
public sealed class EdcStateWaiter(IOptions<TransferOptions> options, TimeProvider timeProvider, ILogger<EdcStateWaiter> logger)
{
    private readonly TransferOptions _options = options.Value;

    /// <summary>Returns once the goal is reached; throws <see cref="ItemFailedException"/> when it fails or times out.</summary>
    public async Task WaitAsync(EdcWait wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wait);
        var (state, timedOut) = await PollAsync(wait, cancellationToken);
        if (timedOut)
        {
            throw new ItemFailedException(ItemError.Of(
                wait.TimeoutCode, $"{wait.Subject} did not reach {wait.Goal} within {wait.Timeout.TotalSeconds:0.###} s (last state {state})."));
        }

        if (state != wait.Goal)
        {
            var detail = await TryReadErrorDetailAsync(wait, cancellationToken);
            throw new ItemFailedException(ItemError.Of(wait.FailedCode, $"{wait.Subject} ended in state {state}" + (detail is null ? "." : $": {detail}")));
        }
    }

    private async Task<(string State, bool TimedOut)> PollAsync(EdcWait wait, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(_options.StatePollIntervalMs);
        var maxDelay = TimeSpan.FromMilliseconds(Math.Max(_options.StatePollIntervalMs, _options.StatePollMaxIntervalMs));
        while (true)
        {
            var state = await wait.ReadState(cancellationToken);
            if (state == wait.Goal || wait.IsFailure(state))
            {
                return (state, false);
            }

            var remaining = wait.Timeout - timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return (state, true);
            }

            await Task.Delay(delay < remaining ? delay : remaining, timeProvider, cancellationToken);
            delay = delay * 2 < maxDelay ? delay * 2 : maxDelay;
        }
    }

    private async Task<string?> TryReadErrorDetailAsync(EdcWait wait, CancellationToken cancellationToken)
    {
        try
        {
            return await wait.ReadErrorDetail(cancellationToken);
        }
        catch (Exception exception) when (exception is EdcRequestRejectedException or EdcUnavailableException)
        {
            // The state already says the process failed; a missing detail must not hide that.
            PipelineLog.ErrorDetailUnavailable(logger, wait.ProcessId, exception.Message);
            return null;
        }
    }
}
