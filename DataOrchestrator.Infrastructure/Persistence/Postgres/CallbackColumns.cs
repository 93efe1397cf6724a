using DataOrchestrator.Domain.Orchestrations;
using Npgsql;
using NpgsqlTypes;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>How an orchestration's callback maps onto its row's <c>callback_*</c> columns (migrations 5 and 11).</summary>
internal static class CallbackColumns
{
    /// <summary>The columns in the order <see cref="Read"/> expects, for a select list (alias <c>o</c>).</summary>
    public const string Select = "o.callback_url, o.callback_state, o.callback_attempts, o.callback_next_attempt_at, o.callback_last_error, o.callback_delivered_at, o.callback_round";

    /// <summary>How many columns <see cref="Select"/> names.</summary>
    public const int Count = 7;

    /// <summary>The pending state as an SQL literal, written out so the planner can match the due-callback index (migration 5).</summary>
    public static string Pending { get; } = $"'{CallbackState.Pending.ToWireName()}'";

    /// <summary>The callback whose columns start at <paramref name="first"/>, or null when the orchestration has none.</summary>
    public static OrchestrationCallback? Read(NpgsqlDataReader reader, int first)
    {
        if (reader.IsDBNull(first))
        {
            return null;
        }

        var state = reader.GetString(first + 1);
        return new OrchestrationCallback(
            reader.GetString(first),
            StatusNames.TryParseCallbackState(state, out var parsed) ? parsed : throw new InvalidDataException($"Unknown callback state '{state}' in the database."),
            reader.GetInt32(first + 2),
            reader.IsDBNull(first + 3) ? null : reader.GetFieldValue<DateTimeOffset>(first + 3),
            reader.IsDBNull(first + 4) ? null : reader.GetString(first + 4),
            reader.IsDBNull(first + 5) ? null : reader.GetFieldValue<DateTimeOffset>(first + 5))
        {
            Round = reader.GetInt32(first + 6),
        };
    }

    /// <summary>Parameters <c>@callback_url</c> … <c>@callback_delivered_at</c> (all null without a callback).</summary>
    public static void AddParameters(NpgsqlCommand command, OrchestrationCallback? callback)
    {
        command.Parameters.AddWithValue("callback_url", NpgsqlDbType.Text, (object?)callback?.Url ?? DBNull.Value);
        command.Parameters.AddWithValue("callback_state", NpgsqlDbType.Text, (object?)callback?.State.ToWireName() ?? DBNull.Value);
        command.Parameters.AddWithValue("callback_attempts", NpgsqlDbType.Integer, callback?.Attempts ?? 0);
        command.Parameters.AddWithValue("callback_next_attempt_at", NpgsqlDbType.TimestampTz, (object?)callback?.NextAttemptAt ?? DBNull.Value);
        command.Parameters.AddWithValue("callback_last_error", NpgsqlDbType.Text, (object?)callback?.LastError ?? DBNull.Value);
        command.Parameters.AddWithValue("callback_delivered_at", NpgsqlDbType.TimestampTz, (object?)callback?.DeliveredAt ?? DBNull.Value);
    }
}
