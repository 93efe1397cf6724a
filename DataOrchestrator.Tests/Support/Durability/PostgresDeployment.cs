using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.Testing.Processes;
using DataOrchestrator.Tests.Support.Hosting;
using Npgsql;

namespace DataOrchestrator.Tests.Support.Durability;

/// <summary>
/// What an operator runs in postgres mode: one database, one data directory and an EDC connector (the simulator, in
/// this test process) shared by any number of service processes. The test reads the database directly to follow
/// progress without loading the service.
/// </summary>
internal sealed class PostgresDeployment : IAsyncDisposable
{
    public const string ClientKey = "durability-client-key";
    public const string EdcKey = "durability-edc-key";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly List<ServiceProcess> _instances = [];
    private int _latencies;

    private PostgresDeployment(EdcSimulatorInstance simulator, string connectionString, string dataDirectory)
    {
        Simulator = simulator;
        ConnectionString = connectionString;
        DataDirectory = dataDirectory;
    }

    public EdcSimulatorInstance Simulator { get; }

    public string ConnectionString { get; }

    public string DataDirectory { get; }

    /// <param name="connectionString">An empty database.</param>
    /// <param name="dpsShape">The simulator's DPS shape (<see cref="DpsShapes"/>); its default, the EDR flow, when null.</param>
    public static async Task<PostgresDeployment> StartAsync(string connectionString, string? dpsShape = null)
    {
        var simulator = await EdcSimulatorHost.StartAsync(new SimulatorOptions { ApiKey = EdcKey, DpsShape = dpsShape ?? DpsShapes.Off });
        return new PostgresDeployment(simulator, connectionString, Directory.CreateTempSubdirectory("do-durability-data-").FullName);
    }

    /// <summary>
    /// Starts one more service process on the shared database and data directory; <paramref name="settings"/> are
    /// environment variables over the deployment's own.
    /// </summary>
    public async Task<ServiceProcess> StartInstanceAsync(string name, int workers, double leaseSeconds, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["STORAGE_BACKEND"] = "postgres",
            ["POSTGRES_CONNECTION_STRING"] = ConnectionString,
            ["WORK_LEASE_SECONDS"] = leaseSeconds.ToString(CultureInfo.InvariantCulture),
            ["WORKER_COUNT"] = workers.ToString(CultureInfo.InvariantCulture),
            ["EDC_API_KEY"] = EdcKey,
            ["API_KEYS"] = ClientKey,
            ["DATA_STORAGE_PATH"] = DataDirectory,
            ["LOG_LEVEL"] = "INFO",
            ["SHUTDOWN_TIMEOUT"] = "1",
            ["Edc__StatePollIntervalMs"] = "20",
            ["Edc__StatePollMaxIntervalMs"] = "100",
            ["Edc__DataAddressRetryDelayMs"] = "20",
            ["Edc__TransientRetryDelayMs"] = "20",
            ["Persistence__PollIntervalMs"] = "100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var instance = await ApiProcess.StartAsync(name, environment, ClientKey);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>
    /// Gives each contract its own management latency between 100 and 199 ms, so that items started together drift
    /// apart and, at any moment, some are at each step of the pipeline.
    /// </summary>
    public void SpreadLatency(IEnumerable<string> contractIds)
    {
        foreach (var contractId in contractIds)
        {
            Simulator.State.SetBehaviour(contractId, new AgreementBehaviour { LatencyMs = 100 + (_latencies++ * 37 % 100) });
        }
    }

    /// <summary>Submits one orchestration of the given contracts through <paramref name="instance"/>; returns its id.</summary>
    public async Task<string> SubmitAsync(ServiceProcess instance, params string[] contractIds)
    {
        var body = new
        {
            data = contractIds.Select(c => new { counterPartyAddress = "http://provider/api/dsp", contractId = c }).ToArray(),
            connectorAddress = Simulator.ConnectorAddress,
        };
        using var response = await instance.Client.PostAsJsonAsync(new Uri("/orchestrate", UriKind.Relative), body);
        var json = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"POST /orchestrate to {instance.Name}: {json}");
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("orchestration_id").GetString()!;
    }

    /// <summary>Every item row, read straight from the database.</summary>
    public async Task<IReadOnlyList<ItemRow>> ReadRowsAsync()
    {
        // Unpooled: a pooled connection would break on its first command after a database restart.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT orchestration_id, item_index, status, finished, item->>'ContractId', item->>'TransferId', lease_owner
            FROM orchestration_items ORDER BY queue_position
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<ItemRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new ItemRow(
                reader.GetGuid(0),
                reader.GetInt32(1),
                reader.GetString(2),
                reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return rows;
    }

    /// <summary>Ends every session the service has open on the database (pg_terminate_backend); returns how many.</summary>
    public async Task<int> TerminateSessionsAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false };
        var database = builder.Database;
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @database AND pid <> pg_backend_pid()", connection);
        command.Parameters.AddWithValue("database", database!);
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Reads the rows until <paramref name="condition"/> holds; fails the test with the instances' output otherwise.</summary>
    public async Task<IReadOnlyList<ItemRow>> WaitForRowsAsync(Func<IReadOnlyList<ItemRow>, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var rows = await ReadRowsAsync();
            if (condition(rows))
            {
                return rows;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout} waiting until {what}. Items by status: {Summary(rows)}{Environment.NewLine}{OutputOfAll()}");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>The items of the given orchestrations as <paramref name="instance"/> reports them.</summary>
    public static async Task<IReadOnlyList<ReportedItem>> ReportAsync(ServiceProcess instance, IEnumerable<string> orchestrationIds)
    {
        var items = new List<ReportedItem>();
        foreach (var id in orchestrationIds)
        {
            using var response = await instance.Client.GetAsync(new Uri($"/status/{id}", UriKind.Relative));
            var json = await response.Content.ReadAsStringAsync();
            Assert.That((int)response.StatusCode, Is.EqualTo(200), $"GET /status/{id} from {instance.Name}: {json}");
            using var document = JsonDocument.Parse(json);
            var entry = document.RootElement.GetProperty("response").GetProperty("orchestration_processes").GetProperty(id);
            items.AddRange(entry.GetProperty("items").EnumerateArray().Select(item => ReportedItem.From(id, item)));
        }

        return items;
    }

    /// <summary>Items by status, and how many are leased (claimed and unfinished, whether running or abandoned).</summary>
    public static string Summary(IReadOnlyList<ItemRow> rows) =>
        string.Join(", ", rows.GroupBy(r => r.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"))
        + $"; {rows.Count(r => r.IsLeased)} leased";

    public string OutputOfAll() => string.Join(Environment.NewLine, _instances.Select(i => i.Output()));

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await Simulator.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
