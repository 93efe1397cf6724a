using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Workers;
using DataOrchestrator.Infrastructure.Persistence;
using DataOrchestrator.Infrastructure.Persistence.Postgres;
using DataOrchestrator.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DataOrchestrator.Tests.Support.Postgres;

/// <summary>A migrated database of its own per test, and the PostgreSQL pieces built over it the way the service builds them.</summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private PostgresDatabase(string connectionString, NpgsqlDataSource dataSource)
    {
        ConnectionString = connectionString;
        DataSource = dataSource;
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<PostgresDatabase> CreateAsync(PostgresCluster? cluster = null)
    {
        cluster ??= await PostgresCluster.SharedAsync();
        var connectionString = await cluster.CreateDatabaseAsync();
        var database = new PostgresDatabase(connectionString, PostgresDataSource.Create(connectionString));
        await database.MigrateAsync();
        return database;
    }

    public static IOptions<PersistenceOptions> Options(double leaseSeconds = 30, int pollIntervalMs = 20, string? connectionString = null, int? claimAhead = 0) =>
        Microsoft.Extensions.Options.Options.Create(new PersistenceOptions
        {
            Backend = PersistenceOptions.Postgres, ConnectionString = connectionString, LeaseSeconds = leaseSeconds, PollIntervalMs = pollIntervalMs,
            ClaimAhead = claimAhead,
        });

    public Task MigrateAsync() =>
        new PostgresMigrator(DataSource, Options(connectionString: ConnectionString), NullLogger<PostgresMigrator>.Instance).StartAsync(CancellationToken.None);

    public IOrchestrationRepository Repository(PostgresInstance? instance = null) =>
        new PostgresOrchestrationRepository(DataSource, instance ?? new PostgresInstance(), TimeProvider.System);

    public PostgresCallbackStore CallbackStore() =>
        new(DataSource, new PostgresOrchestrationRepository(DataSource, new PostgresInstance(), TimeProvider.System));

    public PostgresDataFlowStore DataFlowStore() => new(DataSource, Options(), TimeProvider.System);

    /// <summary>The queue as the service builds it; it claims no items beyond its workers unless <c>claimAhead</c> says so, so that a test sees one claim per free worker.</summary>
    public PostgresWorkQueue Queue(
        PostgresInstance instance, int workers, double leaseSeconds = 30, int capacity = 10_000, TimeProvider? timeProvider = null, int claimAhead = 0) => new(
        DataSource,
        instance,
        Options(leaseSeconds, claimAhead: claimAhead),
        Microsoft.Extensions.Options.Options.Create(new WorkerOptions { Count = workers, QueueCapacity = capacity }),
        timeProvider ?? TimeProvider.System,
        NullLogger<PostgresWorkQueue>.Instance);

    public async ValueTask DisposeAsync() => await DataSource.DisposeAsync();
}
