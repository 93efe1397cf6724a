using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Domain.Orchestrations;
using Npgsql;
using NpgsqlTypes;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// A client's retry (<see cref="RetryRules"/>) in one transaction. The orchestration row is locked first, as every
/// durable item save locks it (<c>save_orchestration_item</c>), so no save interleaves with the check that all items
/// are finished. Retried item rows become unfinished and lease-free, with a new queue position: the queue is the
/// unfinished rows in position order, so any instance's dispatcher claims them again, after the work queued before the
/// retry (as the in-memory queue does). The cancel request is cleared, the process status derived again by the same SQL
/// function as the saves, and the callback columns start the next round (migration 11).
/// </summary>
internal sealed class PostgresRetries(NpgsqlDataSource dataSource)
{
    public async Task<(RetryOutcome Outcome, IReadOnlyList<int> Retried)?> RetryItemsAsync(
        Guid id, IReadOnlySet<int>? indexes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = await ReadLockedAsync(connection, transaction, id, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var (changed, outcome, retried) = RetryRules.Apply(stored, indexes, now);
        if (outcome != RetryOutcome.Retried)
        {
            return (outcome, retried);
        }

        foreach (var index in retried)
        {
            var item = changed.Items[index];
            await using var update = new NpgsqlCommand(
                """
                UPDATE orchestration_items SET item = @item, status = @status, finished = false, finished_at = NULL, lease_owner = NULL,
                    lease_expires_at = NULL, updated_at = @now, queue_position = DEFAULT
                WHERE orchestration_id = @id AND item_index = @index
                """,
                connection,
                transaction);
            update.Parameters.AddWithValue("item", NpgsqlDbType.Jsonb, OrchestrationRows.ToJson(item));
            update.Parameters.AddWithValue("status", item.Status.ToWireName());
            update.Parameters.AddWithValue("now", now);
            update.Parameters.AddWithValue("id", id);
            update.Parameters.AddWithValue("index", index);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var orchestration = new NpgsqlCommand(
            $"""
            UPDATE orchestrations SET cancel_requested_at = NULL, updated_at = greatest(updated_at, @now),
                process_status = derived_process_status(@id, @stages, @stage_statuses),
                callback_state = CASE WHEN callback_url IS NULL THEN NULL ELSE {CallbackColumns.Pending} END,
                callback_attempts = 0,
                callback_next_attempt_at = CASE WHEN callback_url IS NULL THEN NULL ELSE @now END,
                callback_last_error = NULL,
                callback_delivered_at = NULL,
                callback_round = CASE WHEN callback_url IS NULL THEN callback_round ELSE callback_round + 1 END
            WHERE id = @id
            """,
            connection,
            transaction))
        {
            orchestration.Parameters.AddWithValue("id", id);
            orchestration.Parameters.AddWithValue("now", now);
            orchestration.Parameters.AddWithValue("stages", PostgresItemSaves.StageNames);
            orchestration.Parameters.AddWithValue("stage_statuses", PostgresItemSaves.StageProcessStatuses);
            await orchestration.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (outcome, retried);
    }

    private static async Task<Orchestration?> ReadLockedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM orchestrations WHERE id = @id FOR UPDATE", connection, transaction))
        {
            lockRow.Parameters.AddWithValue("id", id);
            if (await lockRow.ExecuteScalarAsync(cancellationToken) is null)
            {
                return null;
            }
        }

        await using var command = new NpgsqlCommand(OrchestrationRows.OneWithItems, connection, transaction);
        return await OrchestrationRows.ReadOneWithItemsAsync(command, id, cancellationToken);
    }
}
