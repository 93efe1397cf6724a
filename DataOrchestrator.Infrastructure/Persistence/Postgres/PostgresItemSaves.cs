using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Domain.Orchestrations;
using Npgsql;
using NpgsqlTypes;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// Changes to stored orchestrations: an item's new state (written only by the instance that holds its lease, or by
/// anyone when nobody does) with the orchestration's derived status, and the client's cancel request.
/// </summary>
internal sealed class PostgresItemSaves(NpgsqlDataSource dataSource, PostgresInstance instance, TimeProvider timeProvider)
{
    /// <summary>
    /// The item and the orchestration's status in one transaction; the orchestration row is locked first, so saves of
    /// its items take turns and the stored status always reflects all of them.
    /// </summary>
    public async Task<ItemSaved> SaveItemAsync(Guid orchestrationId, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await LockAsync(connection, transaction, orchestrationId, item, cancellationToken);

        await using (var update = new NpgsqlCommand(
            """
            UPDATE orchestration_items SET item = @item, status = @status, finished = @finished
            WHERE orchestration_id = @id AND item_index = @index AND (lease_owner IS NULL OR lease_owner = @owner)
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", orchestrationId);
            update.Parameters.AddWithValue("index", item.Index);
            update.Parameters.AddWithValue("status", item.Status.ToWireName());
            update.Parameters.AddWithValue("finished", item.IsFinished);
            update.Parameters.AddWithValue("item", NpgsqlDbType.Jsonb, OrchestrationRows.ToJson(item));
            update.Parameters.AddWithValue("owner", instance.Id);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw await ExistsAsync(orchestrationId, item.Index, cancellationToken)
                    ? new LeaseLostException($"Item {item.Index} of orchestration {orchestrationId} is being worked on by another instance.")
                    : new OrchestrationNotFoundException(orchestrationId.ToString());
            }
        }

        var after = ProcessStatusRules.Aggregate(await ItemStatusesAsync(connection, transaction, orchestrationId, cancellationToken));
        await using (var stamp = new NpgsqlCommand(
            "UPDATE orchestrations SET updated_at = greatest(updated_at, @now), process_status = @status WHERE id = @id", connection, transaction))
        {
            stamp.Parameters.AddWithValue("id", orchestrationId);
            stamp.Parameters.AddWithValue("now", timeProvider.GetUtcNow());
            stamp.Parameters.AddWithValue("status", after.ToWireName());
            await stamp.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ItemSaved(before, after);
    }

    /// <summary>Marks the cancel, once, unless the orchestration has finished.</summary>
    public async Task RequestCancelAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            UPDATE orchestrations SET cancel_requested_at = @now, updated_at = greatest(updated_at, @now)
            WHERE id = @id AND cancel_requested_at IS NULL AND process_status NOT IN {PostgresSchema.TerminalStatusList}
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Locks the orchestration row and answers its status; refuses an unfinished item once a cancel was requested.</summary>
    private static async Task<ProcessStatus> LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid orchestrationId, OrchestrationItem item, CancellationToken cancellationToken)
    {
        await using var lockRow = new NpgsqlCommand(
            "SELECT process_status, cancel_requested_at IS NOT NULL FROM orchestrations WHERE id = @id FOR UPDATE", connection, transaction);
        lockRow.Parameters.AddWithValue("id", orchestrationId);
        await using var reader = await lockRow.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new OrchestrationNotFoundException(orchestrationId.ToString());
        }

        var name = reader.GetString(0);
        var status = StatusNames.TryParseProcessStatus(name, out var parsed)
            ? parsed
            : throw new InvalidDataException($"Unknown process status '{name}' in the database.");
        return reader.GetBoolean(1) && !item.IsFinished
            ? throw new OrchestrationCancelledException($"Orchestration {orchestrationId} was cancelled.")
            : status;
    }

    private static async Task<List<ItemStatus>> ItemStatusesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid orchestrationId, CancellationToken cancellationToken)
    {
        var statuses = new List<ItemStatus>();
        await using var read = new NpgsqlCommand("SELECT status FROM orchestration_items WHERE orchestration_id = @id", connection, transaction);
        read.Parameters.AddWithValue("id", orchestrationId);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            statuses.Add(StatusNames.TryParseItemStatus(name, out var status)
                ? status
                : throw new InvalidDataException($"Unknown item status '{name}' in the database."));
        }

        return statuses;
    }

    private async Task<bool> ExistsAsync(Guid orchestrationId, int index, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT 1 FROM orchestration_items WHERE orchestration_id = @id AND item_index = @index");
        command.Parameters.AddWithValue("id", orchestrationId);
        command.Parameters.AddWithValue("index", index);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
