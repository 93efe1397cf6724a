using DataOrchestrator.Domain.Orchestrations;
using Npgsql;
using NpgsqlTypes;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// Item progress that may be written late (issue 17): an unfinished item whose save adds nothing a resume needs — the
/// start of an attempt, STARTED, the data address fetched, download progress. Such saves are kept here and written by
/// <see cref="PostgresProgressFlusher"/> in one statement for all items that moved, once per flush interval. What a
/// resume needs (a transfer or negotiation id, a wait for the connector, the final result) is written at once; losing
/// progress in a crash is repaired by the resume, which checks EDC's state of the transfer anyway.
/// <para>
/// Reads of this instance see the kept progress (<see cref="Overlay"/>); other instances see it one flush later. A
/// durable save of an item drops its kept progress and waits for a flush that is writing it, so a late write never
/// overtakes a later save; the flush statement also skips finished items, cancelled orchestrations and items whose
/// lease another instance holds.
/// </para>
/// </summary>
internal sealed class PostgresProgressWrites(NpgsqlDataSource dataSource, PostgresInstance instance, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private Dictionary<(Guid, int), OrchestrationItem> _pending = [];
    private Dictionary<(Guid, int), OrchestrationItem> _writing = [];
    private Task _flush = Task.CompletedTask;

    /// <summary>Whether a save of <paramref name="item"/> may wait for the next flush.</summary>
    /// <remarks>
    /// Never the attempt key of a transfer request about to be sent (a key without a transfer id): a resume finds the
    /// transfer by it. The transfer id after it may wait, as the key finds it again.
    /// </remarks>
    public static bool MayWait(OrchestrationItem item) =>
        (item.TransferAttemptKey is null || item.TransferId is not null)
        && (item.Status is ItemStatus.Queued or ItemStatus.TransferStarted or ItemStatus.DataAddressRetrieved or ItemStatus.Downloading
            || (item.Status is ItemStatus.TransferRequested && item.TransferAttemptKey is not null));

    public void Keep(Guid orchestrationId, OrchestrationItem item)
    {
        lock (_lock)
        {
            _pending[(orchestrationId, item.Index)] = item;
        }
    }

    /// <summary>Before a durable save of the item: its kept progress is dropped, and a flush writing it is waited for.</summary>
    public async Task SupersedeAsync(Guid orchestrationId, int index)
    {
        Task flush;
        lock (_lock)
        {
            _pending.Remove((orchestrationId, index));
            if (!_writing.ContainsKey((orchestrationId, index)))
            {
                return;
            }

            flush = _flush;
        }

        await flush.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>The orchestrations some of whose items have progress this instance has not written yet.</summary>
    public Guid[] OrchestrationsWithProgress()
    {
        lock (_lock)
        {
            return _pending.Keys.Concat(_writing.Keys).Select(key => key.Item1).Distinct().ToArray();
        }
    }

    /// <summary>The orchestration with the progress of its items that this instance has not written yet.</summary>
    public Orchestration Overlay(Orchestration orchestration)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        lock (_lock)
        {
            if (_pending.Count == 0 && _writing.Count == 0)
            {
                return orchestration;
            }

            var items = orchestration.Items.ToArray();
            var changed = false;
            for (var i = 0; i < items.Length; i++)
            {
                if (!items[i].IsFinished
                    && (_pending.TryGetValue((orchestration.Id, items[i].Index), out var kept) || _writing.TryGetValue((orchestration.Id, items[i].Index), out kept)))
                {
                    items[i] = kept;
                    changed = true;
                }
            }

            return changed ? orchestration with { Items = items } : orchestration;
        }
    }

    /// <summary>Writes all kept progress in one statement; answers how many items were written.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Dictionary<(Guid, int), OrchestrationItem> batch;
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                return 0;
            }

            (batch, _pending, _writing, _flush) = (_pending, [], _pending, done.Task);
        }

        try
        {
            var items = batch.ToArray();
            await using var command = dataSource.CreateCommand(
                "SELECT save_item_progress(@ids, @indexes, @items, @statuses, @owner, @now, @stages, @stageStatuses)");
            command.Parameters.AddWithValue("ids", items.Select(i => i.Key.Item1).ToArray());
            command.Parameters.AddWithValue("indexes", items.Select(i => i.Key.Item2).ToArray());
            command.Parameters.AddWithValue("items", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, items.Select(i => OrchestrationRows.ToJson(i.Value)).ToArray());
            command.Parameters.AddWithValue("statuses", items.Select(i => i.Value.Status.ToWireName()).ToArray());
            command.Parameters.AddWithValue("owner", instance.Id);
            command.Parameters.AddWithValue("now", timeProvider.GetUtcNow());
            command.Parameters.AddWithValue("stages", PostgresItemSaves.StageNames);
            command.Parameters.AddWithValue("stageStatuses", PostgresItemSaves.StageProcessStatuses);
            return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            // Written or not: progress that could not be written is dropped, as a crash would drop it; the item's next
            // save brings it up to date.
            lock (_lock)
            {
                _writing = [];
            }

            done.SetResult();
        }
    }
}
