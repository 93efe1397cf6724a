using System.Globalization;
using DataOrchestrator.Testing.Postgres;
using Npgsql;

namespace DataOrchestrator.Bench.Processes;

/// <summary>What PostgreSQL's statistics views say about one database of a cluster.</summary>
internal sealed class DatabaseStatistics(PostgresCluster cluster, string database)
{
    private static readonly TimeSpan DisconnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Transactions committed and rolled back so far (backends report theirs when idle or at exit).</summary>
    public async Task<long> TransactionsAsync() =>
        Convert.ToInt64(await ScalarAsync("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = @database"), CultureInfo.InvariantCulture);

    /// <summary>Sessions connected now (the services' pools keep idle connections for minutes: about their peak).</summary>
    public async Task<int> SessionsAsync() =>
        Convert.ToInt32(await ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = @database"), CultureInfo.InvariantCulture);

    /// <summary>Waits until no session is connected, so that every backend has reported its statistics.</summary>
    public async Task WaitUntilDisconnectedAsync()
    {
        var deadline = DateTime.UtcNow + DisconnectTimeout;
        while (await SessionsAsync() > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Sessions of database {database} did not end within {DisconnectTimeout.TotalSeconds} s.");
            }

            await Task.Delay(100);
        }
    }

    // Unpooled, and in the postgres database: the bench's own queries are not sessions of the database measured.
    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionStringFor("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("database", database);
        return await command.ExecuteScalarAsync();
    }
}
