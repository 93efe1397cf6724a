using DataOrchestrator.Application.Retention;
using Npgsql;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// A session advisory lock on a connection of its own, held for the whole sweep: of the instances sharing the
/// database, one sweeps and the others skip. If that connection dies, the server releases the lock with it, so a
/// crashed instance never blocks retention.
/// </summary>
internal sealed class PostgresRetentionLock(NpgsqlDataSource dataSource) : IRetentionLock
{
    /// <summary>Any constant unique to this service, different from <see cref="PostgresSchema.MigrationLockKey"/>.</summary>
    public const long LockKey = 0x4F52_4348_5245_544E;

    public Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken) => PostgresErrors.GuardAsync(async () =>
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", LockKey);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return (IAsyncDisposable?)new Held(connection);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    });

    private sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // Explicitly: a pooled connection keeps its session, and with it the lock, when it goes back to the pool.
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                unlock.Parameters.AddWithValue("key", LockKey);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
            {
                // Unlocking failed: make sure this connection is closed, not pooled, so the server ends the session and the lock.
                NpgsqlConnection.ClearPool(connection);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
