using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// Brings the schema up to date before the workers start. Instances starting together take turns under a transaction
/// advisory lock, so each migration runs once. Waits for the database up to the startup timeout, then stops the service.
/// </summary>
internal sealed class PostgresMigrator(NpgsqlDataSource dataSource, IOptions<PersistenceOptions> options, ILogger<PostgresMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(options.Value.StartupTimeoutSeconds);
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await MigrateAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException exception) when (PostgresErrors.IsUnavailable(exception) && DateTimeOffset.UtcNow < deadline)
            {
                logger.LogWarning("PostgreSQL is not reachable yet ({Reason}); retrying in {Delay}", exception.Message, delay);
                await Task.Delay(delay, cancellationToken);
                delay = delay * 2 < TimeSpan.FromSeconds(5) ? delay * 2 : TimeSpan.FromSeconds(5);
            }
            catch (NpgsqlException exception)
            {
                throw new InvalidOperationException($"PostgreSQL (POSTGRES_CONNECTION_STRING) could not be used: {exception.Message}", exception);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", PostgresSchema.MigrationLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var create = new NpgsqlCommand(PostgresSchema.CreateMigrationTable, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        // Every migration not applied yet, not only those above the highest: branches add numbers out of order, so a
        // database may have 6 before 4 and 5 exist.
        var applied = new HashSet<int>();
        await using (var versions = new NpgsqlCommand("SELECT version FROM schema_migrations", connection, transaction))
        await using (var reader = await versions.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var (number, description, sql) in PostgresSchema.Migrations.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
        {
            await using var migrate = new NpgsqlCommand(sql, connection, transaction);
            await migrate.ExecuteNonQueryAsync(cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, description) VALUES (@version, @description)", connection, transaction);
            record.Parameters.AddWithValue("version", number);
            record.Parameters.AddWithValue("description", description);
            await record.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Applied database migration {Version}: {Description}", number, description);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
