using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Domain.Orchestrations;
using Npgsql;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// Changes to stored orchestrations: an item's new state (written only by the instance that holds its lease, or by
/// anyone when nobody does) with the orchestration's derived status, and the client's cancel request.
/// </summary>
internal sealed class PostgresItemSaves(NpgsqlDataSource dataSource, PostgresInstance instance, TimeProvider timeProvider)
{
    private readonly PostgresSaveBatches _batches = new(dataSource, instance);

    /// <summary>
    /// The unfinished item statuses, least advanced first, and the process status each gives an orchestration whose
    /// least advanced unfinished item is there: <see cref="ProcessStatusRules"/> handed to the database's save.
    /// </summary>
    private static readonly ItemStatus[] Stages = Enum.GetValues<ItemStatus>().Where(s => !s.IsFinal()).Order().ToArray();

    internal static readonly string[] StageNames = Stages.Select(s => s.ToWireName()).ToArray();

    internal static readonly string[] StageProcessStatuses = Stages.Select(s => ProcessStatusRules.Aggregate([s]).ToWireName()).ToArray();

    /// <summary>
    /// The item and the orchestration's status (<c>save_orchestration_item</c>, migration 8), written with the saves of
    /// other workers waiting at the same time (<see cref="PostgresSaveBatches"/>): the orchestration row is locked first,
    /// so saves of its items take turns and the stored status always reflects all of them. A finished item gives up its
    /// lease in the same step.
    /// </summary>
    public async Task<ItemSaved> SaveItemAsync(Guid orchestrationId, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var saved = await _batches.SaveAsync(
            new PostgresSaveBatches.SaveRequest(
                orchestrationId, item.Index, OrchestrationRows.ToJson(item), item.Status.ToWireName(), item.IsFinished, timeProvider.GetUtcNow()),
            cancellationToken);
        return saved.Outcome switch
        {
            "saved" => new ItemSaved(ParseProcessStatus(saved.Before!), ParseProcessStatus(saved.After!)),
            "cancelled" => throw new OrchestrationCancelledException($"Orchestration {orchestrationId} was cancelled."),
            "lease_lost" => throw new LeaseLostException($"Item {item.Index} of orchestration {orchestrationId} is being worked on by another instance."),
            _ => throw new OrchestrationNotFoundException(orchestrationId.ToString()),
        };
    }

    /// <summary>Marks the cancel, once, unless the orchestration has finished.</summary>
    /// <summary>True when this call marked the orchestration.</summary>
    public async Task<bool> RequestCancelAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            UPDATE orchestrations SET cancel_requested_at = @now, updated_at = greatest(updated_at, @now)
            WHERE id = @id AND cancel_requested_at IS NULL AND process_status NOT IN {PostgresSchema.TerminalStatusList}
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static ProcessStatus ParseProcessStatus(string name) =>
        StatusNames.TryParseProcessStatus(name, out var status) ? status : throw new InvalidDataException($"Unknown process status '{name}' in the database.");
}
