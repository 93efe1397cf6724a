using DataOrchestrator.Infrastructure.Health;
using DataOrchestrator.Infrastructure.Retention;
using DataOrchestrator.Infrastructure.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataOrchestrator.Infrastructure;

/// <summary>
/// Infrastructure's one entry point. Hosted services start in registration order and stop in reverse, so the order
/// of the calls below is part of the behaviour; each concern's registrations live in a class of their own.
/// </summary>
public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddStorage();

        // Before the worker pool: with PostgreSQL, the schema migrator is a hosted service registered here.
        services.AddPersistence(configuration);

        services.AddSingleton<UnstartedWork>();
        services.AddSingleton<WorkerPool>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkerPool>());

        // After the migrator (registered above for PostgreSQL), so the first sweep finds the schema current.
        services.AddHostedService<RetentionService>();

        // After the worker pool: stopped before it, and started only once the schema is migrated.
        services.AddCallbacks();

        services.AddReadinessChecks();
        services.AddEdcClient();
        services.AddDataPlaneClient();
        services.AddDataFlowClient();
        return services;
    }
}
