using DataOrchestrator.Infrastructure.Workers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DataOrchestrator.Infrastructure.Health;

/// <summary>Ready only while the worker pool runs (started, not stopping).</summary>
internal sealed class WorkerPoolHealthCheck(WorkerPool pool) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(pool.IsRunning
            ? HealthCheckResult.Healthy($"{pool.ActiveWorkers} of {pool.WorkerCount} workers busy")
            : HealthCheckResult.Unhealthy("the worker pool is not running"));
}
