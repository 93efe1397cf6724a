using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Domain.Orchestrations;
using Npgsql;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// Callback delivery state in the orchestration rows. A claim is a conditional update of one due row picked with
/// <c>FOR UPDATE SKIP LOCKED</c>: it counts the attempt and pushes the next attempt time past the claim, so other
/// instances skip the row until the outcome is recorded or the claim runs out (the sender died).
/// </summary>
internal sealed class PostgresCallbackStore(NpgsqlDataSource dataSource, PostgresOrchestrationRepository orchestrations) : ICallbackStore
{
    public Task<Orchestration?> ClaimDueCallbackAsync(DateTimeOffset now, DateTimeOffset claimedUntil, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            await using var command = dataSource.CreateCommand(
                $"""
                UPDATE orchestrations o SET callback_attempts = o.callback_attempts + 1, callback_next_attempt_at = @until
                FROM (
                    SELECT id FROM orchestrations
                    WHERE callback_state = {CallbackColumns.Pending} AND process_status IN {PostgresSchema.TerminalStatusList} AND callback_next_attempt_at <= @now
                    ORDER BY callback_next_attempt_at
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED) due
                WHERE o.id = due.id
                RETURNING o.id
                """);
            command.Parameters.AddWithValue("now", now);
            command.Parameters.AddWithValue("until", claimedUntil);

            // Not cancelled midway: a claim that commits while its caller gives up would hide the callback for the
            // whole claim. Shutdown waits for this short statement instead; the caller then hands the claim back.
            if (await command.ExecuteScalarAsync(CancellationToken.None) is not Guid id)
            {
                return null;
            }

            // Read after the claim committed: the entry sent shows the attempt it belongs to.
            return await orchestrations.FindAsync(id, CancellationToken.None);
        });

    public Task<bool> RecordCallbackAsync(Guid orchestrationId, OrchestrationCallback callback, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(callback);
            await using var command = dataSource.CreateCommand(
                $"""
                UPDATE orchestrations SET callback_state = @callback_state, callback_next_attempt_at = @callback_next_attempt_at,
                    callback_last_error = @callback_last_error, callback_delivered_at = @callback_delivered_at
                WHERE id = @id AND callback_state = {CallbackColumns.Pending} AND callback_attempts = @callback_attempts AND callback_round = @callback_round
                """);
            command.Parameters.AddWithValue("id", orchestrationId);
            CallbackColumns.AddParameters(command, callback);
            command.Parameters.RemoveAt("callback_url");
            command.Parameters.AddWithValue("callback_round", callback.Round);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        });
}
