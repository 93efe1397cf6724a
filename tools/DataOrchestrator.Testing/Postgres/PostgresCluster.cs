using System.Globalization;
using DataOrchestrator.Testing.Processes;
using Npgsql;

namespace DataOrchestrator.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster on 127.0.0.1 with trust authentication, in a temporary directory deleted with it.
/// Tests share one (<see cref="SharedAsync"/>) and each takes fresh databases from it; a test that stops and restarts
/// the database, or the benchmark, owns a cluster of its own (<see cref="StartNewAsync"/>).
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const int StartAttempts = 3;

    // Lazy<Task> starts the shared cluster once, on first use, however many callers ask at the same time.
    private static readonly Lazy<Task<PostgresCluster>> Shared = new(() => CreateAsync(PostgresClusterSettings.Throwaway, isShared: true));

    private readonly string _directory;
    private readonly PostgresClusterSettings _settings;
    private readonly bool _isShared;
    private bool _running;
    private string _startOutput = "";

    private PostgresCluster(string directory, PostgresClusterSettings settings, bool isShared)
    {
        _directory = directory;
        _settings = settings;
        _isShared = isShared;
    }

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_directory, "data");

    private string LogFile => Path.Combine(_directory, "server.log");

    /// <summary>Fails at once, with how to install them, when PostgreSQL's server programs are missing.</summary>
    public static void EnsureInstalled() => _ = PostgresPrograms.BinDirectory;

    /// <summary>The cluster of this run, started at first use; <see cref="StopSharedAsync"/> stops it when the run ends.</summary>
    public static Task<PostgresCluster> SharedAsync() => Shared.Value;

    /// <summary>A cluster the caller owns and disposes.</summary>
    public static Task<PostgresCluster> StartNewAsync(PostgresClusterSettings? settings = null) =>
        CreateAsync(settings ?? PostgresClusterSettings.Throwaway, isShared: false);

    /// <summary>Stops the shared cluster, if one was started, and deletes its directory.</summary>
    public static async Task StopSharedAsync()
    {
        if (Shared.IsValueCreated && Shared.Value.IsCompletedSuccessfully)
        {
            await (await Shared.Value).ShutDownAsync();
        }
    }

    /// <summary>Creates an empty database (with a unique name unless given one) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "test_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    public string ConnectionStringFor(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}");

    /// <summary>The postmaster's process id: with its children, the whole cluster's CPU (<see cref="ProcessStats.CpuSecondsWithChildren"/>).</summary>
    public int PostmasterPid() => int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    /// <summary>Takes the database away (fast shutdown: open sessions end, data stays) until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_isShared)
        {
            throw new InvalidOperationException("The shared PostgreSQL cluster serves every test; a test that stops the database owns one from StartNewAsync().");
        }

        await StopServerAsync();
    }

    /// <summary>Brings the database back on the same port with the same data.</summary>
    public async Task StartAsync()
    {
        if (!_running && !await TryStartAsync())
        {
            throw StartFailure();
        }
    }

    /// <summary>Stops the cluster and deletes its directory; for the shared one that happens in <see cref="StopSharedAsync"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_isShared)
        {
            await ShutDownAsync();
        }
    }

    private static async Task<PostgresCluster> CreateAsync(PostgresClusterSettings settings, bool isShared)
    {
        EnsureInstalled(); // fails with the install hint before anything is created
        var cluster = new PostgresCluster(Directory.CreateTempSubdirectory("dataorchestrator-pg-").FullName, settings, isShared);
        try
        {
            await PostgresPrograms.GiveToPostgresAsync(cluster._directory);
            var initdb = await cluster.RunAsync("initdb", "-D", cluster.DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync");
            if (initdb.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed. {PostgresPrograms.InstallHint}{Environment.NewLine}{initdb.Output}");
            }

            // Another process may take the free port between our probe and the server's bind: then try another.
            for (var attempt = 1; attempt <= StartAttempts; attempt++)
            {
                cluster.Port = LoopbackPort.Free();
                if (await cluster.TryStartAsync())
                {
                    return cluster;
                }
            }

            throw cluster.StartFailure();
        }
        catch
        {
            await cluster.ShutDownAsync();
            throw;
        }
    }

    private async Task<bool> TryStartAsync()
    {
        var options = string.Create(CultureInfo.InvariantCulture,
            $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories='{_directory}' -c max_connections={_settings.MaxConnections} -c shared_preload_libraries=pg_stat_statements");
        if (!_settings.Durable)
        {
            options += " -c fsync=off";
        }

        var result = await RunAsync("pg_ctl", "start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options);
        _running = result.ExitCode == 0;
        _startOutput = result.Output;
        return _running;
    }

    private async Task StopServerAsync()
    {
        if (!_running)
        {
            return;
        }

        var result = await RunAsync("pg_ctl", "stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"PostgreSQL in {_directory} did not stop.{Environment.NewLine}{result.Output}");
        }

        _running = false;
    }

    private async Task ShutDownAsync()
    {
        await StopServerAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private Task<ProgramResult> RunAsync(string program, params string[] arguments) =>
        PostgresPrograms.RunServerProgramAsync(_directory, program, arguments);

    private InvalidOperationException StartFailure()
    {
        var log = File.Exists(LogFile) ? string.Join(Environment.NewLine, File.ReadLines(LogFile).TakeLast(20)) : "(no server log)";
        return new InvalidOperationException(
            $"PostgreSQL did not start on 127.0.0.1:{Port} from {DataDirectory}. {PostgresPrograms.InstallHint}{Environment.NewLine}{_startOutput}{log}");
    }
}
