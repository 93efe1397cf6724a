using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Retention;
using DataOrchestrator.Application.Security;
using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Workers;
using DataOrchestrator.Infrastructure.Callbacks;
using DataOrchestrator.Infrastructure.DataPlane;
using DataOrchestrator.Infrastructure.Edc;
using DataOrchestrator.Infrastructure.Health;
using DataOrchestrator.Infrastructure.Persistence;
using DataOrchestrator.Infrastructure.Persistence.Postgres;
using DataOrchestrator.Infrastructure.Retention;
using DataOrchestrator.Infrastructure.Security;
using DataOrchestrator.Infrastructure.Storage;
using DataOrchestrator.Infrastructure.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Retry;
using Refit;

namespace DataOrchestrator.Infrastructure;

public static class DependencyInjection
{
    private const double CircuitFailureRatio = 0.5;
    private const int CircuitMinimumThroughput = 20;

    /// <summary>The health checks <c>GET /health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<IDiskSpace, DriveDiskSpace>();
        services.AddSingleton<IDataStore, FileDataStore>();
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
            services.AddSingleton<ChannelOrchestrationQueue>();
            services.AddSingleton<IOrchestrationQueue>(sp => sp.GetRequiredService<ChannelOrchestrationQueue>());
            services.AddSingleton<IWorkSource>(sp => sp.GetRequiredService<ChannelOrchestrationQueue>());
        }

        services.AddSingleton<WorkerPool>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkerPool>());

        // After the migrator (registered above for PostgreSQL), so the first sweep finds the schema current.
        services.AddHostedService<RetentionService>();
        services.AddOptions<HostOptions>().Configure<IOptions<WorkerOptions>>((host, workers) =>
            host.ShutdownTimeout = workers.Value.ShutdownTimeout + TimeSpan.FromSeconds(15));

        // After the worker pool: stopped before it, and started only once the schema is migrated.
        services.AddCallbacks();

        services.AddHealthChecks()
            .AddCheck<RepositoryHealthCheck>("repository", tags: [ReadyTag])
            .AddCheck<DataDirectoryHealthCheck>("data_directory", tags: [ReadyTag])
            .AddCheck<WorkerPoolHealthCheck>("workers", tags: [ReadyTag]);

        services.AddEdcClient();
        services.AddDataPlaneClient();
        return services;
    }

    /// <summary>
    /// Orchestrations and the work queue in PostgreSQL. The migrator is a hosted service registered before the worker
    /// pool, so the schema is current before any worker claims work.
    /// </summary>
    private static void AddPostgres(this IServiceCollection services, PersistenceOptions persistence)
    {
        // A bad connection string is reported by options validation at start, not by this factory.
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(persistence.ConnectionString).Build());
        services.AddSingleton<PostgresInstance>();
        services.AddSingleton<PostgresOrchestrationRepository>();
        services.AddStore<PostgresOrchestrationRepository>();
        services.AddSingleton<ICallbackStore, PostgresCallbackStore>();
        services.AddSingleton<IRetentionLock, PostgresRetentionLock>();
        services.AddSingleton<PostgresWorkQueue>();
        services.AddSingleton<IOrchestrationQueue>(sp => sp.GetRequiredService<PostgresWorkQueue>());
        services.AddSingleton<IWorkSource>(sp => sp.GetRequiredService<PostgresWorkQueue>());
        services.AddHostedService<PostgresMigrator>();
        services.AddHostedService<PostgresCancelWatcher>();
    }

    /// <summary>The store as <see cref="IOrchestrationRepository"/>, behind the decorator that wakes the callback dispatcher.</summary>
    private static void AddStore<TStore>(this IServiceCollection services)
        where TStore : class, IOrchestrationRepository =>
        services.AddSingleton<IOrchestrationRepository>(sp =>
            new FinishSignallingRepository(sp.GetRequiredService<TStore>(), sp.GetRequiredService<CallbackDispatcher>()));

    /// <summary>
    /// The dispatcher and its HTTP client: one attempt per request, no resilience handler (retries are scheduled in the
    /// store so they survive restarts, ADR 0008), redirects not followed, nothing about the requests logged.
    /// </summary>
    private static void AddCallbacks(this IServiceCollection services)
    {
        services.AddSingleton<CallbackDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<CallbackDispatcher>());
        services.AddHttpClient<ICallbackSender, HttpCallbackSender>(HttpCallbackSender.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .UseGuardedConnections(p => p.Callbacks, OutboundPolicy.CallbackSetting, allowRedirects: false)
            .RemoveAllLoggers()
            .RedactLoggedHeaders(_ => true);
    }

    private static void AddEdcClient(this IServiceCollection services)
    {
        services.AddTransient<EdcConnectionHandler>();
        services.AddTransient<EdcMetricsHandler>();
        services.AddScoped<IEdcClient, RefitEdcClient>();
        var client = services.AddRefitGeneratedClient<IEdcManagementApi>(EdcJsonContext.Default)
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = EdcConnectionHandler.Placeholder;
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<EdcConnectionHandler>()
            .UseGuardedConnections(p => p.Connectors, OutboundPolicy.ConnectorSetting, allowRedirects: false)
            .RemoveAllLoggers()
            .RedactLoggedHeaders(_ => true);
        client.AddResilienceHandler("edc-management", (pipeline, context) =>
                AddResilience(pipeline, context.ServiceProvider, EdcRetryPolicy.ShouldRetry, RetryKind.EdcHttp))
            .SelectPipelineByAuthority();

        // Added after the resilience handler, so it runs inside it and sees every attempt.
        client.AddHttpMessageHandler<EdcMetricsHandler>();
    }

    private static void AddDataPlaneClient(this IServiceCollection services)
    {
        services.AddHttpClient<IDataPlaneClient, HttpDataPlaneClient>(HttpDataPlaneClient.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .UseGuardedConnections(p => p.DataPlanes, OutboundPolicy.DataPlaneSetting, allowRedirects: true)
            .RemoveAllLoggers()
            .RedactLoggedHeaders(_ => true)
            .AddResilienceHandler("data-plane", (pipeline, context) => AddResilience(
                pipeline,
                context.ServiceProvider,
                args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                RetryKind.DataPlaneHttp))
            .SelectPipelineByAuthority();
    }

    /// <summary>
    /// The standard HTTP resilience stack without its rate limiter (the worker count already bounds concurrency):
    /// a total timeout, retries with exponential backoff and jitter, a circuit breaker, and a per-attempt timeout of
    /// REQUEST_TIMEOUT. Pipelines are per connector host, so a dead connector does not pause calls to healthy ones.
    /// Each retry is counted as <paramref name="retryKind"/>.
    /// </summary>
    private static void AddResilience(
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
