using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Transfers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace DataOrchestrator.Infrastructure;

/// <summary>The resilience pipeline shared by the EDC management client and the data plane client.</summary>
internal static class HttpResilience
{
    private const double CircuitFailureRatio = 0.5;
    private const int CircuitMinimumThroughput = 20;

    /// <summary>
    /// The standard HTTP resilience stack without its rate limiter (the worker count already bounds concurrency):
    /// a total timeout, retries with exponential backoff and jitter, a circuit breaker, and a per-attempt timeout of
    /// REQUEST_TIMEOUT. Pipelines are per connector host, so a dead connector does not pause calls to healthy ones.
    /// Each retry is counted as <paramref name="retryKind"/>.
    /// </summary>
    public static void AddResilience(
        ResiliencePipelineBuilder<HttpResponseMessage> pipeline,
        IServiceProvider services,
        Func<RetryPredicateArguments<HttpResponseMessage>, ValueTask<bool>> shouldRetry,
        string retryKind)
    {
        var transfer = services.GetRequiredService<IOptions<TransferOptions>>().Value;
        var metrics = services.GetRequiredService<OrchestratorMetrics>();
        var attempt = transfer.RequestTimeout;
        pipeline
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = attempt * (transfer.TransientRetries + 1) + TimeSpan.FromSeconds(30) })
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, transfer.TransientRetries),
                Delay = TimeSpan.FromMilliseconds(transfer.TransientRetryDelayMs),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = transfer.TransientRetries == 0 ? _ => ValueTask.FromResult(false) : shouldRetry,
                OnRetry = _ =>
                {
                    metrics.RecordRetry(retryKind);
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                // Break only when most attempts fail (a connector that is down), not on the scattered failures of a
                // flaky one: the default ratio of 0.1 opened the circuit with 20% random faults and failed ~90% of
                // the items (EdcFaultTests). Twenty attempts are enough to tell a dead connector quickly.
                FailureRatio = CircuitFailureRatio,
                MinimumThroughput = CircuitMinimumThroughput,
                SamplingDuration = attempt * 2 > TimeSpan.FromSeconds(30) ? attempt * 2 : TimeSpan.FromSeconds(30),
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = attempt });
    }
}
