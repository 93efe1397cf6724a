using System.ComponentModel.DataAnnotations;

namespace DataOrchestrator.Application.Callbacks;

/// <summary>Completion callbacks: the signing secret and the retry schedule (docs/operations/callbacks.md).</summary>
public sealed class CallbackOptions : IValidatableObject
{
    public const string SectionName = "Callbacks";
    public const int MinSecretLength = 16;

    /// <summary>
    /// The HMAC-SHA256 key of <c>X-Signature</c> (env <c>CALLBACK_SECRET</c>). Unset or empty: callbacks are disabled and
    /// a request with a <c>callbackUrl</c> is refused. A secret: never logged, never in a response.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Attempts in all, the first included (env <c>CALLBACK_MAX_ATTEMPTS</c>).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles after each further one (env <c>CALLBACK_INITIAL_DELAY_SECONDS</c>).</summary>
    [Range(0.001, 3600)]
    public double InitialDelaySeconds { get; set; } = 1;

    /// <summary>The longest wait between two attempts (env <c>CALLBACK_MAX_DELAY_SECONDS</c>).</summary>
    [Range(0.001, 86_400)]
    public double MaxDelaySeconds { get; set; } = 300;

    /// <summary>How long one attempt may take, connecting included (env <c>CALLBACK_TIMEOUT_SECONDS</c>).</summary>
    [Range(0.05, 300)]
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>No attempt is scheduled later than this long after the orchestration finished (env <c>CALLBACK_GIVE_UP_AFTER_MINUTES</c>).</summary>
    [Range(0.001, 43_200)]
    public double GiveUpAfterMinutes { get; set; } = 60;

    /// <summary>How often the dispatcher looks for due callbacks (retries, other instances' orchestrations, after a restart).</summary>
    [Range(10, 60_000)]
    public int PollIntervalMs { get; set; } = 1000;

    /// <summary>Callbacks sent at the same time by one instance, so one slow receiver does not hold up the others.</summary>
    [Range(1, 256)]
    public int MaxConcurrentDeliveries { get; set; } = 8;

    public bool IsEnabled => !string.IsNullOrEmpty(Secret);

    public TimeSpan InitialDelay => TimeSpan.FromSeconds(InitialDelaySeconds);

    public TimeSpan MaxDelay => TimeSpan.FromSeconds(MaxDelaySeconds);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public TimeSpan GiveUpAfter => TimeSpan.FromMinutes(GiveUpAfterMinutes);

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(PollIntervalMs);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The message never repeats the value: it is a secret.
        if (IsEnabled && Secret!.Length < MinSecretLength)
        {
            yield return new ValidationResult(
                $"Secret (CALLBACK_SECRET) must be at least {MinSecretLength} characters, or empty to disable callbacks.", [nameof(Secret)]);
        }

        if (MaxDelaySeconds < InitialDelaySeconds)
        {
            yield return new ValidationResult(
                "MaxDelaySeconds (CALLBACK_MAX_DELAY_SECONDS) must be at least InitialDelaySeconds (CALLBACK_INITIAL_DELAY_SECONDS).", [nameof(MaxDelaySeconds)]);
        }
    }
}
