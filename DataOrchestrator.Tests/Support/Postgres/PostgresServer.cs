using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace DataOrchestrator.Tests.Support.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster on 127.0.0.1 with trust authentication, in a temporary directory deleted with it.
/// Tests share one (<see cref="SharedAsync"/>) and each takes fresh databases from it; a test that stops and restarts
/// the database owns a cluster of its own (<see cref="StartNewAsync"/>).
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private const int StartAttempts = 3;

    // Lazy<Task> starts the shared cluster once, on first use, however many tests ask at the same time.
    private static readonly Lazy<Task<PostgresServer>> Shared = new(() => CreateAsync(isShared: true));

    private readonly string _directory;
    private readonly bool _isShared;
    private bool _running;
    private string _startOutput = "";

    private PostgresServer(string directory, bool isShared)
    {
        _directory = directory;
        _isShared = isShared;
    }

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_directory, "data");

    private string LogFile => Path.Combine(_directory, "server.log");

    /// <summary>The cluster of this test run; <see cref="PostgresTestRun"/> stops it when the run ends.</summary>
    public static Task<PostgresServer> SharedAsync() => Shared.Value;

    /// <summary>A cluster the caller owns and disposes, for tests that stop and restart the database.</summary>
    public static Task<PostgresServer> StartNewAsync() => CreateAsync(isShared: false);

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "test_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    public string ConnectionStringFor(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}");

    /// <summary>Takes the database away (fast shutdown: open sessions end, data stays) until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_isShared)
        {
            throw new InvalidOperationException("The shared PostgreSQL server serves every test; a test that stops the database owns one from StartNewAsync().");
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

    /// <summary>Stops the cluster and deletes its directory; for the shared one that happens when the run ends.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_isShared)
        {
            await ShutDownAsync();
        }
    }

    internal static async Task StopSharedAsync()
    {
        if (Shared.IsValueCreated && Shared.Value.IsCompletedSuccessfully)
        {
            await (await Shared.Value).ShutDownAsync();
        }
    }

    private static async Task<PostgresServer> CreateAsync(bool isShared)
    {
        _ = PostgresPrograms.BinDirectory; // fails with the install hint before anything is created
        var server = new PostgresServer(Directory.CreateTempSubdirectory("dataorchestrator-pg-").FullName, isShared);
        try
        {
            await PostgresPrograms.GiveToPostgresAsync(server._directory);
            var initdb = await server.RunAsync("initdb", "-D", server.DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync");
            if (initdb.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed. {PostgresPrograms.InstallHint}{Environment.NewLine}{initdb.Output}");
            }

            // Another process may take the free port between our probe and the server's bind: then try another.
            for (var attempt = 1; attempt <= StartAttempts; attempt++)
            {
                server.Port = FreePort();
                if (await server.TryStartAsync())
                {
                    return server;
                }
            }

            throw server.StartFailure();
        }
        catch
        {
            await server.ShutDownAsync();
            throw;
        }
    }

    private async Task<bool> TryStartAsync()
    {
        // fsync off: the cluster is thrown away, and a clean stop still writes everything out for a restart.
        var options = string.Create(CultureInfo.InvariantCulture,
            $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories='{_directory}' -c max_connections=200 -c fsync=off");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
