using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Domain.Orchestrations;
using Npgsql;
using NpgsqlTypes;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>Reads orchestrations: one by its id, or a page of them in creation order, newest first.</summary>
internal sealed class PostgresOrchestrationQueries(NpgsqlDataSource dataSource)
{
    /// <summary>One round trip: the orchestration's columns repeat on each of its item rows.</summary>
    public async Task<Orchestration?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(OrchestrationRows.OneWithItems);
        return await OrchestrationRows.ReadOneWithItemsAsync(command, id, cancellationToken);
    }

    /// <summary>One row more than asked for tells whether another page follows.</summary>
    public async Task<OrchestrationPage> ListAsync(int limit, long? before, OrchestrationFilter filter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT {OrchestrationRows.Columns} FROM orchestrations o
            WHERE (@before::bigint IS NULL OR position < @before)
              AND (@statuses::text[] IS NULL OR process_status = ANY(@statuses))
              AND (@after::timestamptz IS NULL OR created_at > @after)
              AND (@until::timestamptz IS NULL OR created_at < @until)
            ORDER BY position DESC
            LIMIT @take
            """, connection);
        command.Parameters.AddWithValue("before", NpgsqlDbType.Bigint, (object?)before ?? DBNull.Value);
        command.Parameters.AddWithValue("statuses", NpgsqlDbType.Array | NpgsqlDbType.Text, (object?)filter.Statuses?.Select(s => s.ToWireName()).ToArray() ?? DBNull.Value);
        command.Parameters.AddWithValue("after", NpgsqlDbType.TimestampTz, (object?)filter.CreatedAfter ?? DBNull.Value);
        command.Parameters.AddWithValue("until", NpgsqlDbType.TimestampTz, (object?)filter.CreatedBefore ?? DBNull.Value);
        command.Parameters.AddWithValue("take", limit + 1);
        var page = await OrchestrationRows.ReadAllAsync(command, cancellationToken);
        var more = page.Count > limit;
        if (more)
        {
            page.RemoveAt(page.Count - 1);
        }

        var orchestrations = await OrchestrationRows.WithItemsAsync(connection, page.Select(p => p.Orchestration), cancellationToken);
        return new OrchestrationPage(orchestrations, more ? page[^1].Position : null);
    }
}
