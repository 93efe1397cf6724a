using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Domain.DataFlows;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// Data flows in PostgreSQL (migration 7), so a notification stored by any instance, or before a restart, reaches the
/// worker that owns the item: a waiting worker reads its row again at the poll interval (PollIntervalMs).
/// </summary>
internal sealed class PostgresDataFlowStore(NpgsqlDataSource dataSource, IOptions<PersistenceOptions> options, TimeProvider timeProvider) : IDataFlowStore
{
    private const string Columns = "process_id, state, claimed, data_address, callback_address, reason, version, created_at, updated_at";

    public Task<DataFlow?> FindAsync(string processId, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM data_flows WHERE process_id = @id");
            command.Parameters.AddWithValue("id", processId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
        });

    public Task<bool> AddAsync(DataFlow flow, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            await using var command = dataSource.CreateCommand(
                $"INSERT INTO data_flows ({Columns}) VALUES (@id, @state, @claimed, @address, @callback, @reason, @version, @created, @updated) ON CONFLICT DO NOTHING");
            AddParameters(command, flow);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        });

    public Task<bool> ReplaceAsync(DataFlow flow, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            await using var command = dataSource.CreateCommand(
                """
                UPDATE data_flows SET state = @state, claimed = @claimed, data_address = @address, callback_address = @callback,
                    reason = @reason, version = @version, updated_at = @updated
                WHERE process_id = @id AND version = @version - 1
                """);
            AddParameters(command, flow);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        });

    public async Task<DataFlow> WaitAsync(string processId, Func<DataFlow, bool> until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(until);
        var interval = TimeSpan.FromMilliseconds(options.Value.PollIntervalMs);
        while (true)
        {
            if (await FindAsync(processId, cancellationToken) is { } flow && until(flow))
            {
                return flow;
            }

            await Task.Delay(interval, timeProvider, cancellationToken);
        }
    }

    public Task<int> RemoveStaleAsync(DateTimeOffset unclaimedBefore, DateTimeOffset finishedBefore, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            await using var command = dataSource.CreateCommand(
                """
                DELETE FROM data_flows
                WHERE (NOT claimed AND created_at < @unclaimed) OR (state IN ('COMPLETED', 'TERMINATED') AND updated_at < @finished)
                """);
            command.Parameters.AddWithValue("unclaimed", unclaimedBefore);
            command.Parameters.AddWithValue("finished", finishedBefore);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });

    public Task PutControlPlaneAsync(ControlPlaneRegistration registration, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(registration);
            await using var command = dataSource.CreateCommand(
                """
                INSERT INTO control_planes (control_plane_id, endpoint, authorization_json, updated_at) VALUES (@id, @endpoint, @authorization, @updated)
                ON CONFLICT (control_plane_id) DO UPDATE SET endpoint = excluded.endpoint, authorization_json = excluded.authorization_json, updated_at = excluded.updated_at
                """);
            command.Parameters.AddWithValue("id", registration.ControlPlaneId);
            command.Parameters.AddWithValue("endpoint", registration.Endpoint);
            command.Parameters.AddWithValue("authorization", (object?)registration.AuthorizationJson ?? DBNull.Value);
            command.Parameters.AddWithValue("updated", registration.UpdatedAt);
            await command.ExecuteNonQueryAsync(cancellationToken);
        });

    public Task<bool> DeleteControlPlaneAsync(string controlPlaneId, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            await using var command = dataSource.CreateCommand("DELETE FROM control_planes WHERE control_plane_id = @id");
            command.Parameters.AddWithValue("id", controlPlaneId);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        });

    public Task<IReadOnlyList<ControlPlaneRegistration>> ControlPlanesAsync(CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            await using var command = dataSource.CreateCommand(
                "SELECT control_plane_id, endpoint, authorization_json, updated_at FROM control_planes ORDER BY control_plane_id");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var registrations = new List<ControlPlaneRegistration>();
            while (await reader.ReadAsync(cancellationToken))
            {
                registrations.Add(new ControlPlaneRegistration(
                    reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
            }

            return (IReadOnlyList<ControlPlaneRegistration>)registrations;
        });

    private static void AddParameters(NpgsqlCommand command, DataFlow flow)
    {
        command.Parameters.AddWithValue("id", flow.ProcessId);
        command.Parameters.AddWithValue("state", StatusNames.WireName(flow.State));
        command.Parameters.AddWithValue("claimed", flow.Claimed);
        command.Parameters.AddWithValue("address", (object?)flow.DataAddress ?? DBNull.Value);
        command.Parameters.AddWithValue("callback", (object?)flow.CallbackAddress ?? DBNull.Value);
        command.Parameters.AddWithValue("reason", (object?)flow.Reason ?? DBNull.Value);
        command.Parameters.AddWithValue("version", flow.Version);
        command.Parameters.AddWithValue("created", flow.CreatedAt);
        command.Parameters.AddWithValue("updated", flow.UpdatedAt);
    }

    private static DataFlow Read(NpgsqlDataReader reader) => new()
    {
        ProcessId = reader.GetString(0),
        State = StatusNames.TryParse<DataFlowState>(reader.GetString(1), out var state) ? state : DataFlowState.Terminated,
        Claimed = reader.GetBoolean(2),
        DataAddress = reader.IsDBNull(3) ? null : reader.GetString(3),
        CallbackAddress = reader.IsDBNull(4) ? null : reader.GetString(4),
        Reason = reader.IsDBNull(5) ? null : reader.GetString(5),
        Version = reader.GetInt64(6),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(7),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(8),
    };
}
