using System.Data;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Domain.Orchestrations;
using Npgsql;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// GET /status/summary in the database, for all instances at once: orchestrations counted by their stored process
/// status, and items counted by the minute of their <c>finished_at</c> (migration 12's index) and status. Both read
/// one snapshot. The orchestrations whose progress this instance has not written yet (<see cref="PostgresProgressWrites"/>)
/// are counted as this instance's reads answer them, so the counts agree with GET /status here.
/// </summary>
internal sealed class PostgresSummary(NpgsqlDataSource dataSource, PostgresProgressWrites progress)
{
    private const string Counts = "SELECT process_status, count(*) FROM orchestrations GROUP BY process_status";

    // The range on the bare column lets the planner use the partial index; minutes are truncated in UTC.
    private const string Finished = """
        SELECT date_trunc('minute', finished_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS minute, status, count(*)
        FROM orchestration_items
        WHERE finished_at >= @from AND finished_at < @until
        GROUP BY 1, 2
        """;

    public async Task<OrchestrationSummary> SummarizeAsync(DateTimeOffset finishedFrom, DateTimeOffset finishedUntil, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var counts = new Dictionary<ProcessStatus, long>();
        var finished = new List<FinishedItemCount>();
        await using (var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { new(Counts), new(Finished) } })
        {
            batch.BatchCommands[1].Parameters.AddWithValue("from", finishedFrom);
            batch.BatchCommands[1].Parameters.AddWithValue("until", finishedUntil);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[ParseProcessStatus(reader.GetString(0))] = reader.GetInt64(1);
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var status = StatusNames.TryParseItemStatus(reader.GetString(1), out var parsed)
                    ? parsed
                    : throw new InvalidDataException($"Unknown item status '{reader.GetString(1)}' in the database.");
                finished.Add(new FinishedItemCount(reader.GetFieldValue<DateTimeOffset>(0), status, reader.GetInt64(2)));
            }
        }

        await CountUnwrittenProgressAsync(connection, counts, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new OrchestrationSummary(counts, finished);
    }

    /// <summary>Moves the orchestrations with unwritten progress from their stored status to the one this instance reads.</summary>
    private async Task CountUnwrittenProgressAsync(NpgsqlConnection connection, Dictionary<ProcessStatus, long> counts, CancellationToken cancellationToken)
    {
        var ids = progress.OrchestrationsWithProgress();
        if (ids.Length == 0)
        {
            return;
        }

        var stored = new List<(Orchestration Orchestration, ProcessStatus Status)>();
        await using (var command = new NpgsqlCommand($"SELECT {OrchestrationRows.Columns}, o.process_status FROM orchestrations o WHERE o.id = ANY(@ids)", connection))
        {
            command.Parameters.AddWithValue("ids", ids);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored.Add((OrchestrationRows.Read(reader).Orchestration, ParseProcessStatus(reader.GetString(OrchestrationRows.Count))));
            }
        }

        var read = await OrchestrationRows.WithItemsAsync(connection, stored.Select(s => s.Orchestration), cancellationToken);
        for (var i = 0; i < read.Length; i++)
        {
            var (before, after) = (stored[i].Status, progress.Overlay(read[i]).ProcessStatus);
            if (before != after)
            {
                counts[before] = counts.GetValueOrDefault(before) - 1;
                counts[after] = counts.GetValueOrDefault(after) + 1;
            }
        }
    }

    private static ProcessStatus ParseProcessStatus(string name) =>
        StatusNames.TryParseProcessStatus(name, out var status) ? status : throw new InvalidDataException($"Unknown process status '{name}' in the database.");
}
