using System.Text.Json;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Application.Orchestrations.Submit;
using DataOrchestrator.Domain.Orchestrations;
using Npgsql;
using NpgsqlTypes;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// Orchestrations in PostgreSQL: one row per orchestration, one per item (its state as jsonb next to the columns the
/// queue and listings use). An item is written only by the instance that holds its lease, or by anyone when nobody does.
/// Retention's removals are in <c>PostgresOrchestrationRepository.Retention.cs</c>.
/// </summary>
internal sealed partial class PostgresOrchestrationRepository(NpgsqlDataSource dataSource, PostgresInstance instance, TimeProvider timeProvider) : IOrchestrationRepository
{
    public bool KeepsWorkAcrossRestarts => true;

    public Task AddAsync(Orchestration orchestration, CancellationToken cancellationToken) => PostgresErrors.GuardAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertAsync(connection, transaction, orchestration, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    });

    /// <summary>
    /// The orchestration and its key in one transaction. A concurrent submission with the same key waits on the key's
    /// unique index until the first commits, then finds it taken and rolls its own orchestration back.
    /// </summary>
    public Task<IdempotentAdd> AddIdempotentAsync(Orchestration orchestration, IdempotencyKey key, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
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
        });

    private static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Orchestration orchestration, CancellationToken cancellationToken)
    {
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO orchestrations (id, connector_address, created_at, updated_at, process_status, callback_url, callback_state,
                callback_attempts, callback_next_attempt_at, callback_last_error, callback_delivered_at)
            VALUES (@id, @connector, @created, @updated, @status, @callback_url, @callback_state,
                @callback_attempts, @callback_next_attempt_at, @callback_last_error, @callback_delivered_at)
            """,
            connection,
            transaction))
        {
            CallbackColumns.AddParameters(insert, orchestration.Callback);
            insert.Parameters.AddWithValue("status", orchestration.ProcessStatus.ToWireName());
            insert.Parameters.AddWithValue("id", orchestration.Id);
            insert.Parameters.AddWithValue("connector", orchestration.ConnectorAddress);
            insert.Parameters.AddWithValue("created", orchestration.CreatedAt);
            insert.Parameters.AddWithValue("updated", orchestration.UpdatedAt);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var items = new NpgsqlCommand(
            """
            INSERT INTO orchestration_items (orchestration_id, item_index, status, finished, item)
            SELECT @id, i.item_index, i.status, i.finished, i.item
            FROM unnest(@indexes, @statuses, @finished, @items) AS i (item_index, status, finished, item)
            ORDER BY i.item_index
            """, connection, transaction))
        {
            items.Parameters.AddWithValue("id", orchestration.Id);
            items.Parameters.AddWithValue("indexes", orchestration.Items.Select(i => i.Index).ToArray());
            items.Parameters.AddWithValue("statuses", orchestration.Items.Select(i => i.Status.ToWireName()).ToArray());
            items.Parameters.AddWithValue("finished", orchestration.Items.Select(i => i.IsFinished).ToArray());
            items.Parameters.Add(new NpgsqlParameter("items", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = orchestration.Items.Select(ToJson).ToArray() });
            await items.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public Task<Orchestration?> FindAsync(Guid id, CancellationToken cancellationToken) => PostgresErrors.GuardAsync(async () =>
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT o.connector_address, o.created_at, o.updated_at, i.item, o.cancel_requested_at, {CallbackColumns.Select}
            FROM orchestrations o JOIN orchestration_items i ON i.orchestration_id = o.id
            WHERE o.id = @id
            ORDER BY i.item_index
            """);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        Orchestration? orchestration = null;
        var items = new List<OrchestrationItem>();
        while (await reader.ReadAsync(cancellationToken))
        {
            orchestration ??= new Orchestration
            {
                Id = id,
                ConnectorAddress = reader.GetString(0),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(1),
                UpdatedAt = reader.GetFieldValue<DateTimeOffset>(2),
                CancelRequestedAt = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                Items = [],
                Callback = CallbackColumns.Read(reader, 5),
            };
            items.Add(FromJson(reader.GetString(3)));
        }

        return orchestration is null ? null : orchestration with { Items = items };
    });

    public Task<OrchestrationPage> ListAsync(int limit, long? before, OrchestrationFilter filter, CancellationToken cancellationToken) => PostgresErrors.GuardAsync(async () =>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var page = new List<(Orchestration Orchestration, long Position)>();
        await using (var command = new NpgsqlCommand(
            $"""
            SELECT o.id, o.position, o.connector_address, o.created_at, o.updated_at, o.cancel_requested_at, {CallbackColumns.Select} FROM orchestrations o
            WHERE (@before::bigint IS NULL OR position < @before)
              AND (@statuses::text[] IS NULL OR process_status = ANY(@statuses))
              AND (@after::timestamptz IS NULL OR created_at > @after)
              AND (@until::timestamptz IS NULL OR created_at < @until)
            ORDER BY position DESC
            LIMIT @take
            """, connection))
        {
            command.Parameters.AddWithValue("before", NpgsqlDbType.Bigint, (object?)before ?? DBNull.Value);
            command.Parameters.AddWithValue("statuses", NpgsqlDbType.Array | NpgsqlDbType.Text, (object?)filter.Statuses?.Select(s => s.ToWireName()).ToArray() ?? DBNull.Value);
            command.Parameters.AddWithValue("after", NpgsqlDbType.TimestampTz, (object?)filter.CreatedAfter ?? DBNull.Value);
            command.Parameters.AddWithValue("until", NpgsqlDbType.TimestampTz, (object?)filter.CreatedBefore ?? DBNull.Value);
            command.Parameters.AddWithValue("take", limit + 1);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                page.Add((new Orchestration
                {
                    Id = reader.GetGuid(0),
                    ConnectorAddress = reader.GetString(2),
                    CreatedAt = reader.GetFieldValue<DateTimeOffset>(3),
                    UpdatedAt = reader.GetFieldValue<DateTimeOffset>(4),
                    CancelRequestedAt = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                    Items = [],
                    Callback = CallbackColumns.Read(reader, 6),
                }, reader.GetInt64(1)));
            }
        }

        var more = page.Count > limit;
        if (more)
        {
            page.RemoveAt(page.Count - 1);
        }

        var items = await ItemsOfAsync(connection, page.Select(p => p.Orchestration.Id).ToArray(), cancellationToken);
        var orchestrations = page.Select(p => p.Orchestration with { Items = items.TryGetValue(p.Orchestration.Id, out var list) ? list : [] }).ToArray();
        return new OrchestrationPage(orchestrations, more ? page[^1].Position : null);
    });

    /// <summary>
    /// Writes the item (only while this instance holds its lease, or nobody does) and the orchestration's derived status
    /// in one transaction; the orchestration row is locked first, so saves of its items take turns and the stored
    /// status always reflects all of them.
    /// </summary>
    public Task<ItemSaved> SaveItemAsync(Guid orchestrationId, OrchestrationItem item, CancellationToken cancellationToken) => PostgresErrors.GuardAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        ProcessStatus before;
        await using (var lockRow = new NpgsqlCommand(
            "SELECT process_status, cancel_requested_at IS NOT NULL FROM orchestrations WHERE id = @id FOR UPDATE", connection, transaction))
        {
            lockRow.Parameters.AddWithValue("id", orchestrationId);
            await using var reader = await lockRow.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new OrchestrationNotFoundException(orchestrationId.ToString());
            }

            before = ParseProcessStatus(reader.GetString(0));
            if (reader.GetBoolean(1) && !item.IsFinished)
            {
                throw new OrchestrationCancelledException($"Orchestration {orchestrationId} was cancelled.");
            }
        }

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
            update.Parameters.AddWithValue("item", NpgsqlDbType.Jsonb, ToJson(item));
            update.Parameters.AddWithValue("owner", instance.Id);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw await ExistsAsync(orchestrationId, item.Index, cancellationToken)
                    ? new LeaseLostException($"Item {item.Index} of orchestration {orchestrationId} is being worked on by another instance.")
                    : new OrchestrationNotFoundException(orchestrationId.ToString());
            }
        }

        var statuses = new List<ItemStatus>();
        await using (var read = new NpgsqlCommand("SELECT status FROM orchestration_items WHERE orchestration_id = @id", connection, transaction))
        {
            read.Parameters.AddWithValue("id", orchestrationId);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                statuses.Add(StatusNames.TryParseItemStatus(reader.GetString(0), out var parsed)
                    ? parsed
                    : throw new InvalidDataException($"Unknown item status '{reader.GetString(0)}' in the database."));
            }
        }

        var after = ProcessStatusRules.Aggregate(statuses);
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
    });

    public async Task<Orchestration?> RequestCancelAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await PostgresErrors.GuardAsync(async () =>
        {
            await using var command = dataSource.CreateCommand(
                """
                UPDATE orchestrations SET cancel_requested_at = @now, updated_at = greatest(updated_at, @now)
                WHERE id = @id AND cancel_requested_at IS NULL AND NOT (process_status = ANY(@terminal))
                """);
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("now", now);
            command.Parameters.AddWithValue("terminal", Enum.GetValues<ProcessStatus>().Where(s => s.IsTerminal()).Select(s => s.ToWireName()).ToArray());
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });
        return await FindAsync(id, cancellationToken);
    }

    private static ProcessStatus ParseProcessStatus(string name) =>
        StatusNames.TryParseProcessStatus(name, out var status)
            ? status
            : throw new InvalidDataException($"Unknown process status '{name}' in the database.");

    private static string ToJson(OrchestrationItem item) => JsonSerializer.Serialize(item, ItemJsonContext.Default.OrchestrationItem);

    private static OrchestrationItem FromJson(string json) =>
        JsonSerializer.Deserialize(json, ItemJsonContext.Default.OrchestrationItem) ?? throw new InvalidDataException("An item row holds no item.");

    private static async Task<Dictionary<Guid, List<OrchestrationItem>>> ItemsOfAsync(NpgsqlConnection connection, Guid[] ids, CancellationToken cancellationToken)
    {
        var items = new Dictionary<Guid, List<OrchestrationItem>>();
        if (ids.Length == 0)
        {
            return items;
        }

        await using var command = new NpgsqlCommand(
            "SELECT orchestration_id, item FROM orchestration_items WHERE orchestration_id = ANY(@ids) ORDER BY orchestration_id, item_index", connection);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            if (!items.TryGetValue(id, out var list))
            {
                items[id] = list = [];
            }

            list.Add(FromJson(reader.GetString(1)));
        }

        return items;
    }

    private async Task<bool> ExistsAsync(Guid orchestrationId, int index, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT 1 FROM orchestration_items WHERE orchestration_id = @id AND item_index = @index");
        command.Parameters.AddWithValue("id", orchestrationId);
        command.Parameters.AddWithValue("index", index);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
