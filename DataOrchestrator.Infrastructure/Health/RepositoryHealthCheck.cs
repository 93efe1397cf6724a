using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Errors;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DataOrchestrator.Infrastructure.Health;

/// <summary>Ready only while the orchestration store answers (a round trip to PostgreSQL in that mode).</summary>
internal sealed class RepositoryHealthCheck(IOrchestrationRepository repository) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await repository.FindAsync(Guid.Empty, cancellationToken);
            return HealthCheckResult.Healthy(repository.KeepsWorkAcrossRestarts ? "PostgreSQL answers" : "in memory");
        }
        catch (StoreUnavailableException)
        {
            return HealthCheckResult.Unhealthy("the orchestration store is not reachable");
        }
    }
}
