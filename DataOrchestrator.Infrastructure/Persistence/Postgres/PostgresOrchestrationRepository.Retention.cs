using DataOrchestrator.Domain.Orchestrations;
using Npgsql;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>Retention: finding and deleting finished orchestrations, purging expired idempotency keys.</summary>
internal sealed partial class PostgresOrchestrationRepository
{
    public Task<IReadOnlyList<Orchestration>> FindDueForRemovalAsync(DateTimeOffset finishedBefore, int limit, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var due = new List<Orchestration>();
            await using (var command = new NpgsqlCommand(
                $"""
                SELECT id, connector_address, created_at, updated_at FROM orchestrations
                WHERE process_status IN {PostgresSchema.TerminalStatusList} AND updated_at < @before
                ORDER BY updated_at
                LIMIT @limit
                """, connection))
            {
                command.Parameters.AddWithValue("before", finishedBefore);
                command.Parameters.AddWithValue("limit", limit);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    due.Add(new Orchestration
                    {
                        Id = reader.GetGuid(0),
                        ConnectorAddress = reader.GetString(1),
                        CreatedAt = reader.GetFieldValue<DateTimeOffset>(2),
                        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(3),
                        Items = [],
                    });
                }
            }

            var items = await ItemsOfAsync(connection, due.Select(o => o.Id).ToArray(), cancellationToken);
            return (IReadOnlyList<Orchestration>)due.Select(o => o with { Items = items.TryGetValue(o.Id, out var list) ? list : [] }).ToArray();
        });

    /// <summary>
    /// One statement, so the re-check and the delete are atomic: an item save holding the row waits for it (and then
    /// finds the orchestration gone), or commits first and the re-evaluated condition no longer holds. Items and
    /// idempotency keys go with the row (ON DELETE CASCADE).
    /// </summary>
    public Task<int> RemoveAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset finishedBefore, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
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
        });

    public Task<int> PurgeExpiredIdempotencyKeysAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
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
        });
}
