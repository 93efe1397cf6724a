using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Transfers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace DataOrchestrator.Infrastructure;

/// <summary>
/// The standard HTTP resilience handler of Microsoft.Extensions.Http.Resilience (concurrency limiter, total timeout,
/// retries with exponential backoff and jitter, circuit breaker, per-attempt timeout), one pipeline per host so a
/// dead connector does not pause calls to healthy ones, tuned for EDC: the attempt timeout is REQUEST_TIMEOUT, the
/// retries EDC_TRANSIENT_RETRIES, each counted as a retry of its kind, and the circuit opens only when most calls fail.
/// </summary>
internal static class HttpResilience
{
    private const double CircuitFailureRatio = 0.5;
    private const int CircuitMinimumThroughput = 20;

    public static IHttpClientBuilder AddTunedResilience(
        this IHttpClientBuilder builder,
        Func<RetryPredicateArguments<HttpResponseMessage>, ValueTask<bool>> shouldRetry,
        string retryKind,
        Func<CircuitBreakerPredicateArguments<HttpResponseMessage>, ValueTask<bool>>? isFailure = null)
    {
        var resilience = builder.AddStandardResilienceHandler();
        resilience.Configure((options, services) =>
        {
            Tune(options, services, shouldRetry, retryKind);
            if (isFailure is not null)
            {
                options.CircuitBreaker.ShouldHandle = isFailure;
            }
        });
        resilience.SelectPipelineByAuthority();
        return builder;
    }

    private static void Tune(
        HttpStandardResilienceOptions options,
        IServiceProvider services,
        Func<RetryPredicateArguments<HttpResponseMessage>, ValueTask<bool>> shouldRetry,
        string retryKind)
    {
        var transfer = services.GetRequiredService<IOptions<TransferOptions>>().Value;
        var metrics = services.GetRequiredService<OrchestratorMetrics>();
        var attempt = transfer.RequestTimeout;

        // The worker count already bounds how many calls run at once; the limiter must never refuse one.
        options.RateLimiter.DefaultRateLimiterOptions.PermitLimit = int.MaxValue;
        options.RateLimiter.DefaultRateLimiterOptions.QueueLimit = 0;

        options.TotalRequestTimeout.Timeout = attempt * (transfer.TransientRetries + 1) + TimeSpan.FromSeconds(30);
        options.AttemptTimeout.Timeout = attempt;

        options.Retry.MaxRetryAttempts = Math.Max(1, transfer.TransientRetries);
        options.Retry.Delay = TimeSpan.FromMilliseconds(transfer.TransientRetryDelayMs);
        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;
        options.Retry.ShouldHandle = transfer.TransientRetries == 0 ? _ => ValueTask.FromResult(false) : shouldRetry;
        options.Retry.OnRetry = _ =>
        {
            metrics.RecordRetry(retryKind);
            return ValueTask.CompletedTask;
        };

        // Break only when most attempts fail (a connector that is down), not on the scattered failures of a flaky one:
        // the default ratio of 0.1 opened the circuit with 20% random faults and failed ~90% of the items
        // (EdcFaultTests). Twenty attempts are enough to tell a dead connector quickly. An open circuit makes an item
        // wait for its connector, not fail (WAITING_FOR_CONNECTOR).
        options.CircuitBreaker.FailureRatio = CircuitFailureRatio;
        options.CircuitBreaker.MinimumThroughput = CircuitMinimumThroughput;
        options.CircuitBreaker.SamplingDuration = attempt * 2 > TimeSpan.FromSeconds(30) ? attempt * 2 : TimeSpan.FromSeconds(30);
    }
}
