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

    /// <summary>
    /// The statements of the database that took the most execution time (pg_stat_statements, which every bench cluster
    /// loads): calls and execution time per item, and each one's share. Execution only: commits and their WAL flushes
    /// come on top.
    /// </summary>
    public async Task<IReadOnlyList<StatementCost>> TopStatementsAsync(int items, int count = 8)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionStringFor("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(
            """
            SELECT s.calls, s.total_exec_time, s.total_exec_time / sum(s.total_exec_time) OVER (), left(regexp_replace(s.query, '\s+', ' ', 'g'), 90)
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = @database ORDER BY s.total_exec_time DESC LIMIT @count
            """, connection);
        command.Parameters.AddWithValue("database", database);
        command.Parameters.AddWithValue("count", count);
        var costs = new List<StatementCost>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            costs.Add(new StatementCost(reader.GetString(3), reader.GetInt64(0) / (double)items, reader.GetDouble(1) / items, reader.GetDouble(2)));
        }

        return costs;
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

/// <summary>One statement's calls and execution time (ms) per item, and its share of the database's execution time.</summary>
internal sealed record StatementCost(string Statement, double CallsPerItem, double ExecutionMsPerItem, double Share);
