using DataOrchestrator.Application.Orchestrations.Submit;
using DataOrchestrator.Domain.Orchestrations;
using Npgsql;
using NpgsqlTypes;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>Stores new orchestrations with their items, and with the idempotency key they were submitted under.</summary>
internal sealed class PostgresSubmissions(NpgsqlDataSource dataSource)
{
    /// <summary>One statement (no transaction round trips): the orchestration and its items.</summary>
    public async Task AddAsync(Orchestration orchestration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await InsertAsync(connection, null, orchestration, cancellationToken);
    }

    /// <summary>
    /// The orchestration and its key in one transaction. A concurrent submission with the same key waits on the key's
    /// unique index until the first commits, then finds it taken and rolls its own orchestration back.
    /// </summary>
    public async Task<IdempotentAdd> AddIdempotentAsync(Orchestration orchestration, IdempotencyKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await InsertAsync(connection, transaction, orchestration, cancellationToken);
            await using (var expired = new NpgsqlCommand("DELETE FROM idempotency_keys WHERE key = @key AND expires_at <= now()", connection, transaction))
            {
                expired.Parameters.AddWithValue("key", key.Key);
                await expired.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var claim = new NpgsqlCommand(
                """
                INSERT INTO idempotency_keys (key, fingerprint, orchestration_id, expires_at) VALUES (@key, @fingerprint, @id, @expires)
                ON CONFLICT (key) DO NOTHING
                """, connection, transaction);
            claim.Parameters.AddWithValue("key", key.Key);
            claim.Parameters.AddWithValue("fingerprint", key.Fingerprint);
            claim.Parameters.AddWithValue("id", orchestration.Id);
            claim.Parameters.AddWithValue("expires", key.ExpiresAt);
            if (await claim.ExecuteNonQueryAsync(cancellationToken) > 0)
            {
                await transaction.CommitAsync(cancellationToken);
                return new IdempotentAdd(orchestration.Id, Created: true, SameRequest: true);
            }

            await transaction.RollbackAsync(cancellationToken);
        }

        await using var existing = new NpgsqlCommand("SELECT orchestration_id, fingerprint FROM idempotency_keys WHERE key = @key", connection);
        existing.Parameters.AddWithValue("key", key.Key);
        await using var reader = await existing.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new IdempotentAdd(reader.GetGuid(0), Created: false, SameRequest: reader.GetString(1) == key.Fingerprint)
            : throw new InvalidOperationException("The idempotency key was taken and is gone again.");
    }

    private static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Orchestration orchestration, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            """
            WITH orchestration AS (
                INSERT INTO orchestrations (id, connector_address, created_at, updated_at, process_status, callback_url, callback_state,
                    callback_attempts, callback_next_attempt_at, callback_last_error, callback_delivered_at)
                VALUES (@id, @connector, @created, @updated, @status, @callback_url, @callback_state,
                    @callback_attempts, @callback_next_attempt_at, @callback_last_error, @callback_delivered_at)
                RETURNING id)
            INSERT INTO orchestration_items (orchestration_id, item_index, status, finished, item)
            SELECT orchestration.id, i.item_index, i.status, i.finished, i.item
            FROM orchestration, unnest(@indexes, @statuses, @finished, @items) AS i (item_index, status, finished, item)
            ORDER BY i.item_index
            """,
            connection,
            transaction);
        CallbackColumns.AddParameters(insert, orchestration.Callback);
        insert.Parameters.AddWithValue("status", orchestration.ProcessStatus.ToWireName());
        insert.Parameters.AddWithValue("id", orchestration.Id);
        insert.Parameters.AddWithValue("connector", orchestration.ConnectorAddress);
        insert.Parameters.AddWithValue("created", orchestration.CreatedAt);
        insert.Parameters.AddWithValue("updated", orchestration.UpdatedAt);
        insert.Parameters.AddWithValue("indexes", orchestration.Items.Select(i => i.Index).ToArray());
        insert.Parameters.AddWithValue("statuses", orchestration.Items.Select(i => i.Status.ToWireName()).ToArray());
        insert.Parameters.AddWithValue("finished", orchestration.Items.Select(i => i.IsFinished).ToArray());
        insert.Parameters.Add(new NpgsqlParameter("items", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = orchestration.Items.Select(OrchestrationRows.ToJson).ToArray() });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
