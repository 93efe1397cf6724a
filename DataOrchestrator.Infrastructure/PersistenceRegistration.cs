using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Retention;
using DataOrchestrator.Application.Workers;
using DataOrchestrator.Infrastructure.Callbacks;
using DataOrchestrator.Infrastructure.Persistence;
using DataOrchestrator.Infrastructure.Persistence.Postgres;
using DataOrchestrator.Infrastructure.Retention;
using DataOrchestrator.Infrastructure.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataOrchestrator.Infrastructure;

/// <summary>The orchestration store, the callback store, the retention lock and the work queue: in memory or in PostgreSQL.</summary>
internal static class PersistenceRegistration
{
    public static void AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PersistenceOptions>().BindConfiguration(PersistenceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var persistence = configuration.GetSection(PersistenceOptions.SectionName).Get<PersistenceOptions>() ?? new PersistenceOptions();
        if (persistence.IsPostgres)
        {
            services.AddPostgres(persistence);
        }
        else
        {
            services.AddSingleton<InMemoryOrchestrationRepository>();
            services.AddStore<InMemoryOrchestrationRepository>();
            services.AddSingleton<ICallbackStore>(sp => sp.GetRequiredService<InMemoryOrchestrationRepository>());
            services.AddSingleton<IRetentionLock, InProcessRetentionLock>();
            services.AddSingleton<IDataFlowStore, InMemoryDataFlowStore>();
            services.AddSingleton<ChannelOrchestrationQueue>();
            services.AddSingleton<IOrchestrationQueue>(sp => sp.GetRequiredService<ChannelOrchestrationQueue>());
            services.AddSingleton<IWorkSource>(sp => sp.GetRequiredService<ChannelOrchestrationQueue>());
        }
    }

    /// <summary>
    /// Orchestrations and the work queue in PostgreSQL. The migrator is a hosted service registered before the worker
    /// pool, so the schema is current before any worker claims work.
    /// </summary>
    private static void AddPostgres(this IServiceCollection services, PersistenceOptions persistence)
    {
        // A bad connection string is reported by options validation at start, not by this factory.
        services.AddSingleton(_ => PostgresDataSource.Create(persistence.ConnectionString));
        services.AddSingleton<PostgresInstance>();
        services.AddSingleton<PostgresOrchestrationRepository>();
        services.AddStore<PostgresOrchestrationRepository>();
        services.AddSingleton<ICallbackStore, PostgresCallbackStore>();
        services.AddSingleton<IRetentionLock, PostgresRetentionLock>();
        services.AddSingleton<IDataFlowStore, PostgresDataFlowStore>();
        services.AddSingleton<PostgresWorkQueue>();
        services.AddSingleton<IOrchestrationQueue>(sp => sp.GetRequiredService<PostgresWorkQueue>());
        services.AddSingleton<IWorkSource>(sp => sp.GetRequiredService<PostgresWorkQueue>());
        services.AddHostedService<PostgresMigrator>();
        services.AddHostedService<PostgresProgressFlusher>();
        services.AddHostedService<PostgresCancelWatcher>();
    }

    /// <summary>The store as <see cref="IOrchestrationRepository"/>, behind the decorator that wakes the callback dispatcher.</summary>
    private static void AddStore<TStore>(this IServiceCollection services)
        where TStore : class, IOrchestrationRepository =>
        services.AddSingleton<IOrchestrationRepository>(sp =>
            new FinishSignallingRepository(sp.GetRequiredService<TStore>(), sp.GetRequiredService<CallbackDispatcher>()));
}
