using DataOrchestrator.Application.Workers;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// The work queue's statements: unfinished item rows are the queue; a claim puts this instance's name and a lease
/// expiry on them (<c>FOR UPDATE SKIP LOCKED</c>, so instances never claim the same row); a row whose lease expired
/// (its instance died) is claimed like a new one.
/// </summary>
internal sealed class PostgresLeases(NpgsqlDataSource dataSource, PostgresInstance instance, IOptions<PersistenceOptions> persistence)
{
    /// <summary>
    /// The items of <c>@ids</c>/<c>@indexes</c> this instance (<c>@owner</c>) leases, locked in key order: a statement
    /// that waits for several item rows takes them in the order every other one does (<see cref="PostgresGroupSave"/>),
    /// or two of them could each hold a row the other waits for.
    /// </summary>
    private const string LockOwnedInKeyOrder = """
        SELECT l.orchestration_id, l.item_index FROM orchestration_items l
        JOIN unnest(@ids, @indexes) AS w (orchestration_id, item_index)
            ON l.orchestration_id = w.orchestration_id AND l.item_index = w.item_index
        WHERE l.lease_owner = @owner
        ORDER BY l.orchestration_id, l.item_index
        FOR NO KEY UPDATE OF l
        """;

    public TimeSpan Lease => persistence.Value.Lease;

    /// <summary>Unfinished items, counted up to <paramref name="cap"/> (a full count is not needed to refuse work).</summary>
    public async Task<long> CountUnfinishedAsync(int cap, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM (SELECT 1 FROM orchestration_items WHERE NOT finished LIMIT @cap) pending");
        command.Parameters.AddWithValue("cap", cap);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Up to <paramref name="count"/> claimable items, in submission order, and in the same statement gives up this
    /// instance's leases of <paramref name="releases"/> (items its workers are done with: a finished item's save gave its
    /// lease up already, so this matters for those left unfinished). A released item is not claimed back at once.
    /// </summary>
    public async Task<IReadOnlyList<ItemWork>> ClaimAsync(int count, IReadOnlyList<ItemWork> releases, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            WITH releasing AS ({LockOwnedInKeyOrder}),
            released AS (
                UPDATE orchestration_items r SET lease_owner = NULL, lease_expires_at = NULL
                FROM releasing w WHERE r.orchestration_id = w.orchestration_id AND r.item_index = w.item_index)
            UPDATE orchestration_items i
            SET lease_owner = @owner, lease_expires_at = now() + @lease
            FROM (
                SELECT orchestration_id, item_index FROM orchestration_items
                WHERE NOT finished AND (lease_expires_at IS NULL OR lease_expires_at < now())
                    AND (orchestration_id, item_index) NOT IN (SELECT * FROM unnest(@ids, @indexes))
                ORDER BY queue_position
                LIMIT @count
                FOR UPDATE SKIP LOCKED) claimable
            WHERE i.orchestration_id = claimable.orchestration_id AND i.item_index = claimable.item_index
            RETURNING i.orchestration_id, i.item_index, i.queue_position
            """);
        AddWorks(command, releases);
        command.Parameters.AddWithValue("lease", Lease);
        command.Parameters.AddWithValue("count", count);
        var claimed = new List<(ItemWork Work, long Position)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add((new ItemWork(reader.GetGuid(0), reader.GetInt32(1)), reader.GetInt64(2)));
        }

        return claimed.OrderBy(c => c.Position).Select(c => c.Work).ToArray();
    }

    /// <summary>Another lease for unfinished items this instance still owns.</summary>
    public async Task ExtendAsync(IReadOnlyList<ItemWork> works, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            WITH owned AS ({LockOwnedInKeyOrder})
            UPDATE orchestration_items i SET lease_expires_at = now() + @lease
            FROM owned w
            WHERE i.orchestration_id = w.orchestration_id AND i.item_index = w.item_index AND NOT i.finished
            """);
        AddWorks(command, works);
        command.Parameters.AddWithValue("lease", Lease);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Gives up this instance's leases of the items, finished or not.</summary>
    public async Task ReleaseAsync(IReadOnlyList<ItemWork> works)
    {
        if (works.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            $"""
            WITH owned AS ({LockOwnedInKeyOrder})
            UPDATE orchestration_items i SET lease_owner = NULL, lease_expires_at = NULL
            FROM owned w WHERE i.orchestration_id = w.orchestration_id AND i.item_index = w.item_index
            """);
        AddWorks(command, works);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>
    /// Gives up this instance's lease of an item that waits for its connector, and keeps every instance from claiming
    /// it for <paramref name="delay"/>: the claim takes only rows whose lease expiry has passed.
    /// </summary>
    public async Task DeferAsync(ItemWork work, TimeSpan delay)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE orchestration_items SET lease_owner = NULL, lease_expires_at = now() + @delay
            WHERE orchestration_id = @id AND item_index = @index AND lease_owner = @owner
            """);
        command.Parameters.AddWithValue("id", work.OrchestrationId);
        command.Parameters.AddWithValue("index", work.ItemIndex);
        command.Parameters.AddWithValue("owner", instance.Id);
        command.Parameters.AddWithValue("delay", delay);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>Parameters <c>@ids</c> and <c>@indexes</c> (the items, for <c>unnest</c>) and <c>@owner</c>.</summary>
    private void AddWorks(NpgsqlCommand command, IReadOnlyList<ItemWork> works)
    {
        command.Parameters.AddWithValue("ids", works.Select(w => w.OrchestrationId).ToArray());
        command.Parameters.AddWithValue("indexes", works.Select(w => w.ItemIndex).ToArray());
        command.Parameters.AddWithValue("owner", instance.Id);
    }
}
