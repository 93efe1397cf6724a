using DataOrchestrator.Domain.Orchestrations;
using Npgsql;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>Retention: finding and deleting finished orchestrations, purging expired idempotency keys.</summary>
internal sealed class PostgresRetention(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<Orchestration>> FindDueForRemovalAsync(DateTimeOffset finishedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT {OrchestrationRows.Columns} FROM orchestrations o
            WHERE process_status IN {PostgresSchema.TerminalStatusList} AND updated_at < @before
            ORDER BY updated_at
            LIMIT @limit
            """, connection);
        command.Parameters.AddWithValue("before", finishedBefore);
        command.Parameters.AddWithValue("limit", limit);
        var due = await OrchestrationRows.ReadAllAsync(command, cancellationToken);
        return await OrchestrationRows.WithItemsAsync(connection, due.Select(d => d.Orchestration), cancellationToken);
    }

    /// <summary>
    /// One statement, so the re-check and the delete are atomic: an item save holding the row waits for it (and then
    /// finds the orchestration gone), or commits first and the re-evaluated condition no longer holds. Items and
    /// idempotency keys go with the row (ON DELETE CASCADE).
    /// </summary>
    public async Task<int> RemoveAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset finishedBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return 0;
        }

        await using var command = dataSource.CreateCommand(
            $"""
            DELETE FROM orchestrations o
            WHERE o.id = ANY(@ids) AND o.process_status IN {PostgresSchema.TerminalStatusList} AND o.updated_at < @before
              AND NOT EXISTS (SELECT 1 FROM orchestration_items i WHERE i.orchestration_id = o.id AND NOT i.finished)
            """);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        command.Parameters.AddWithValue("before", finishedBefore);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> PurgeExpiredIdempotencyKeysAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // The outer condition again: a key re-claimed meanwhile (deleted and inserted anew by a submission) is live.
        await using var command = dataSource.CreateCommand(
            """
            DELETE FROM idempotency_keys
            WHERE key IN (SELECT key FROM idempotency_keys WHERE expires_at <= @now LIMIT @limit) AND expires_at <= @now
            """);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("limit", limit);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
