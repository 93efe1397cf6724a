using System.Text.Json;
using DataOrchestrator.Domain.Orchestrations;
using Npgsql;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// The one mapping between rows and orchestrations: an orchestration's own columns (<see cref="Columns"/>) and its
/// items, each stored whole as <c>jsonb</c> (<see cref="ItemJsonContext"/>). Every read of an orchestration goes through here.
/// </summary>
internal static class OrchestrationRows
{
    /// <summary>The columns <see cref="Read"/> expects, in its order, for a select list (alias <c>o</c>).</summary>
    public const string Columns = "o.id, o.position, o.connector_address, o.created_at, o.updated_at, o.cancel_requested_at, " + CallbackColumns.Select;

    /// <summary>How many columns <see cref="Columns"/> selects: a query's own columns come after them.</summary>
    public const int Count = 6 + CallbackColumns.Count;

    /// <summary>The orchestration in the current row, without its items, and its position in creation order.</summary>
    public static (Orchestration Orchestration, long Position) Read(NpgsqlDataReader reader) => (new Orchestration
    {
        Id = reader.GetGuid(0),
        ConnectorAddress = reader.GetString(2),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(3),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(4),
        CancelRequestedAt = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
        Items = [],
        Callback = CallbackColumns.Read(reader, 6),
    }, reader.GetInt64(1));

    /// <summary>Runs <paramref name="command"/>, which selects <see cref="Columns"/>, and reads every row it answers.</summary>
    public static async Task<List<(Orchestration Orchestration, long Position)>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var found = new List<(Orchestration Orchestration, long Position)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(Read(reader));
        }

        return found;
    }

    /// <summary>One orchestration with its items, in one round trip (its columns repeat on each of its item rows); <c>@id</c> names it.</summary>
    public const string OneWithItems = $"""
        SELECT {Columns}, {ItemColumns}
        FROM orchestrations o JOIN orchestration_items i ON i.orchestration_id = o.id
        WHERE o.id = @id
        ORDER BY i.item_index
        """;

    /// <summary>Runs <paramref name="command"/> (<see cref="OneWithItems"/>) and reads the orchestration, or null when there is none.</summary>
    public static async Task<Orchestration?> ReadOneWithItemsAsync(NpgsqlCommand command, Guid id, CancellationToken cancellationToken)
    {
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        Orchestration? orchestration = null;
        var items = new ItemsRead();
        while (await reader.ReadAsync(cancellationToken))
        {
            orchestration ??= Read(reader).Orchestration;
            items.Add(reader, Count);
        }

        return orchestration is null ? null : items.Complete(orchestration);
    }

    /// <summary>The item columns a read with items selects after <see cref="Columns"/>: the item, and when it was last written.</summary>
    public const string ItemColumns = "i.item, i.updated_at";

    /// <summary>The orchestrations, in their order, with their items (read in one query).</summary>
    public static async Task<Orchestration[]> WithItemsAsync(NpgsqlConnection connection, IEnumerable<Orchestration> orchestrations, CancellationToken cancellationToken)
    {
        var found = orchestrations.ToArray();
        var items = await ItemsOfAsync(connection, found.Select(o => o.Id).ToArray(), cancellationToken);
        return Array.ConvertAll(found, o => items.TryGetValue(o.Id, out var read) ? read.Complete(o) : o with { Items = [] });
    }

    /// <summary>
    /// An orchestration's items as read, and the latest time one of them was written. The orchestration's own row is
    /// written only when its status changes (migration 9), so its update time is the later of the two.
    /// </summary>
    public sealed class ItemsRead
    {
        private DateTimeOffset? _updatedAt;

        public List<OrchestrationItem> Items { get; } = [];

        /// <summary>Adds the item of the current row, whose columns are <see cref="ItemColumns"/> from <paramref name="ordinal"/> on.</summary>
        public void Add(NpgsqlDataReader reader, int ordinal)
        {
            Items.Add(FromJson(reader.GetString(ordinal)));
            if (!reader.IsDBNull(ordinal + 1) && reader.GetFieldValue<DateTimeOffset>(ordinal + 1) is var written && (_updatedAt is null || written > _updatedAt))
            {
                _updatedAt = written;
            }
        }

        public Orchestration Complete(Orchestration orchestration) => orchestration with
        {
            Items = Items,
            UpdatedAt = _updatedAt is { } written && written > orchestration.UpdatedAt ? written : orchestration.UpdatedAt,
        };
    }

    public static string ToJson(OrchestrationItem item) => JsonSerializer.Serialize(item, ItemJsonContext.Default.OrchestrationItem);

    public static OrchestrationItem FromJson(string json) =>
        JsonSerializer.Deserialize(json, ItemJsonContext.Default.OrchestrationItem) ?? throw new InvalidDataException("An item row holds no item.");

    private static async Task<Dictionary<Guid, ItemsRead>> ItemsOfAsync(NpgsqlConnection connection, Guid[] ids, CancellationToken cancellationToken)
    {
        var items = new Dictionary<Guid, ItemsRead>();
        if (ids.Length == 0)
        {
            return items;
        }

        await using var command = new NpgsqlCommand(
            $"SELECT i.orchestration_id, {ItemColumns} FROM orchestration_items i WHERE i.orchestration_id = ANY(@ids) ORDER BY i.orchestration_id, i.item_index",
            connection);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            if (!items.TryGetValue(id, out var read))
            {
                items[id] = read = new ItemsRead();
            }

            read.Add(reader, 1);
        }

        return items;
    }
}
