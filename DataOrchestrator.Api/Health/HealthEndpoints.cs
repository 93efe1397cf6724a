using DataOrchestrator.Infrastructure.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace DataOrchestrator.Api.Health;

/// <summary>The probes: <c>/health/live</c> and <c>/health/ready</c>, both unauthenticated and outside the rate limits.</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this WebApplication app)
    {
        // Liveness only: answers as long as the process serves HTTP. Unauthenticated, for probes and as the benchmark's ceiling.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();

        // Readiness: the store answers, the data directory is writable, the workers run. 503 otherwise. Unauthenticated.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessChecks.Tag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).DisableRateLimiting();
    }
}
