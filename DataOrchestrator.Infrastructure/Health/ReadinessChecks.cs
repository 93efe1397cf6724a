using Microsoft.Extensions.DependencyInjection;

namespace DataOrchestrator.Infrastructure.Health;

/// <summary>The checks behind <c>GET /health/ready</c>: the store answers, the data directory is writable, the workers run.</summary>
public static class ReadinessChecks
{
    /// <summary>The tag of the checks <c>GET /health/ready</c> runs.</summary>
    public const string Tag = "ready";

    internal static void AddReadinessChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<RepositoryHealthCheck>("repository", tags: [Tag])
            .AddCheck<DataDirectoryHealthCheck>("data_directory", tags: [Tag])
            .AddCheck<WorkerPoolHealthCheck>("workers", tags: [Tag]);
}
