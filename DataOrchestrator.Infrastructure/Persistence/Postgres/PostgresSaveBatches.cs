using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// Durable item saves of concurrent workers, written together (group commit): the saves that arrive while a batch is
/// being written go in the next one, one statement and one commit for all of them (<c>save_orchestration_items</c>,
/// migration 10). Alone, a save is written at once; under load, a commit and its flush to disk serve many items. A
/// writer runs only while saves wait, so nothing is left running once they stop.
/// </summary>
internal sealed class PostgresSaveBatches(NpgsqlDataSource dataSource, PostgresInstance instance)
{
    private const int MaxBatch = 64;
    private const int MaxAttempts = 3;

    private readonly Channel<PendingSave> _pending = Channel.CreateUnbounded<PendingSave>();
    private int _writing;

    public sealed record SaveRequest(Guid OrchestrationId, int Index, string ItemJson, string Status, bool Finished, DateTimeOffset Now);

    public sealed record SaveOutcome(string Outcome, string? Before, string? After);

    public Task<SaveOutcome> SaveAsync(SaveRequest request, CancellationToken cancellationToken)
    {
        var pending = new PendingSave(request, new TaskCompletionSource<SaveOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        _pending.Writer.TryWrite(pending);
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            _ = Task.Run(WriteAsync, CancellationToken.None);
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAsync()
    {
        while (true)
        {
            var batch = new List<PendingSave>();
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                Volatile.Write(ref _writing, 0);

                // A save queued after the read above and before the reset started no writer: this one takes it.
                if (_pending.Reader.Count == 0 || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
                {
                    return;
                }

                continue;
            }

            try
            {
                var outcomes = await ExecuteWithRetriesAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(outcomes[i]);
                }
            }
            catch (Exception exception)
            {
                batch.ForEach(p => p.Done.TrySetException(exception));
            }
        }
    }

    /// <summary>
    /// The batch, written again when PostgreSQL rolled it back to break a deadlock or a serialization conflict: the whole
    /// statement was undone, so writing it again is safe, and one conflict no longer fails every save that shared its
    /// statement. Any other failure (the connection lost, say) may have committed, so it is the savers' to handle.
    /// </summary>
    private async Task<SaveOutcome[]> ExecuteWithRetriesAsync(List<PendingSave> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ExecuteAsync(batch);
            }
            catch (PostgresException exception) when (attempt < MaxAttempts && exception.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
            }
        }
    }

    private async Task<SaveOutcome[]> ExecuteAsync(List<PendingSave> batch)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT ord, outcome, before_status, after_status
            FROM save_orchestration_items(@ids, @indexes, @items, @statuses, @finished, @owner, @nows, @stages, @stageStatuses)
            """);
        command.Parameters.AddWithValue("ids", batch.Select(p => p.Request.OrchestrationId).ToArray());
        command.Parameters.AddWithValue("indexes", batch.Select(p => p.Request.Index).ToArray());
        command.Parameters.AddWithValue("items", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, batch.Select(p => p.Request.ItemJson).ToArray());
        command.Parameters.AddWithValue("statuses", batch.Select(p => p.Request.Status).ToArray());
        command.Parameters.AddWithValue("finished", batch.Select(p => p.Request.Finished).ToArray());
        command.Parameters.AddWithValue("owner", instance.Id);
        command.Parameters.AddWithValue("nows", batch.Select(p => p.Request.Now).ToArray());
        command.Parameters.AddWithValue("stages", PostgresItemSaves.StageNames);
        command.Parameters.AddWithValue("stageStatuses", PostgresItemSaves.StageProcessStatuses);
        var outcomes = new SaveOutcome[batch.Count];
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
        while (await reader.ReadAsync(CancellationToken.None))
        {
            outcomes[reader.GetInt64(0) - 1] = new SaveOutcome(
                reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        }

        return outcomes;
    }

    private sealed record PendingSave(SaveRequest Request, TaskCompletionSource<SaveOutcome> Done);
}
