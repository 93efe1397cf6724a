using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Callbacks;

/// <summary>
/// When a failed callback is tried again: <c>InitialDelaySeconds</c> after the first failure, doubling after each
/// further one up to <c>MaxDelaySeconds</c>; never more than <c>MaxAttempts</c> attempts, and no attempt scheduled later
/// than <c>GiveUpAfterMinutes</c> after the orchestration finished. The first attempt always happens.
/// </summary>
public sealed class CallbackSchedule(IOptions<CallbackOptions> options)
{
    /// <summary>Beyond the attempt timeout, time for recording the outcome before another sender may take the callback.</summary>
    private static readonly TimeSpan RecordMargin = TimeSpan.FromSeconds(30);

    private readonly CallbackOptions _options = options.Value;

    /// <summary>How long a claimed callback stays hidden from other senders (other instances, after a crash of this one).</summary>
    public TimeSpan ClaimDuration => _options.Timeout + RecordMargin;

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        var seconds = _options.InitialDelaySeconds * Math.Pow(2, Math.Min(attempt - 1, 62));
        return seconds >= _options.MaxDelaySeconds ? _options.MaxDelay : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>When to try again after failed attempt <paramref name="attempts"/>, or null to give up.</summary>
    public DateTimeOffset? NextAttemptAt(int attempts, DateTimeOffset finishedAt, DateTimeOffset now)
    {
        if (attempts >= _options.MaxAttempts)
        {
            return null;
        }

        var next = now + DelayAfter(attempts);
        return next > finishedAt + _options.GiveUpAfter ? null : next;
    }
}
