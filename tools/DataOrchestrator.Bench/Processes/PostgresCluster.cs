using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DataOrchestrator.Bench.Processes;

/// <summary>
/// A throwaway PostgreSQL cluster on a loopback port, started and stopped through scripts/postgres-lib.sh (the helpers
/// demo.sh and CI use; as root they run the server as postgres). It lives in a temporary directory of its own — the
/// bench's work directory is private to us, so postgres could not reach a cluster inside it — deleted with it. It runs
/// with PostgreSQL's default settings (every commit is flushed to disk, as in production) except for
/// <see cref="MaxConnections"/>.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    /// <summary>
    /// The default (100) is too few for two instances of 64 workers: each instance's pool grows towards its worker count
    /// plus the API's requests, and beyond the limit PostgreSQL refuses sessions (53300, too many clients).
    /// </summary>
    public const int MaxConnections = 300;

    private const int StartAttempts = 3;

    private readonly string _library;
    private readonly string _directory;

    private PostgresCluster(string library, string directory)
    {
        _library = library;
        _directory = directory;
    }

    public int Port { get; private set; }

    /// <summary>Fails at once, with the library's install hint, when PostgreSQL's server programs are missing.</summary>
    public static Task EnsureInstalledAsync(BenchEnvironment environment) => RunAsync(Library(environment), "pg_bindir >/dev/null");

    public static async Task<PostgresCluster> StartAsync(BenchEnvironment environment)
    {
        var cluster = new PostgresCluster(Library(environment), Directory.CreateTempSubdirectory("do-bench-pg-").FullName);
        try
        {
            // Another process may take the free port between our probe and the server's bind: then try another.
            for (var attempt = 1; ; attempt++)
            {
                cluster.Port = FreePort();
                try
                {
                    await RunAsync(cluster._library, "pg_start \"$1\" \"$2\"", cluster._directory, Invariant(cluster.Port));
                    await cluster.QueryAsync(string.Create(CultureInfo.InvariantCulture, $"ALTER SYSTEM SET max_connections = {MaxConnections}"));
                    await RunAsync(cluster._library, "pg_stop \"$1\" && pg_start \"$1\" \"$2\"", cluster._directory, Invariant(cluster.Port));
                    return cluster;
                }
                catch (InvalidOperationException) when (attempt < StartAttempts)
                {
                }
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database and returns its Npgsql connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await QueryAsync($"CREATE DATABASE {name}");
        return await RunAsync(_library, "PG_DATABASE=\"$1\" && pg_connection_string \"$2\"", name, Invariant(Port));
    }

    /// <summary>Runs one SQL statement in the postgres database (psql, unaligned, tuples only) and returns its output.</summary>
    public Task<string> QueryAsync(string sql) =>
        RunAsync(_library, "\"$(pg_bindir)/psql\" -X -qtA -v ON_ERROR_STOP=1 -h 127.0.0.1 -p \"$1\" -U postgres -d postgres -c \"$2\"", Invariant(Port), sql);

    /// <summary>Transactions committed and rolled back in a database so far (backends report theirs when idle or at exit).</summary>
    public async Task<long> TransactionsAsync(string database) =>
        long.Parse(await QueryAsync($"SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '{database}'"), CultureInfo.InvariantCulture);

    /// <summary>Sessions connected to a database now (the services' pools keep idle connections for minutes: about their peak).</summary>
    public async Task<int> SessionsAsync(string database) =>
        int.Parse(await QueryAsync($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}'"), CultureInfo.InvariantCulture);

    /// <summary>Waits until no session is connected to a database, so that every backend has reported its statistics.</summary>
    public async Task WaitUntilDisconnectedAsync(string database)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await SessionsAsync(database) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Sessions of database {database} did not end within 30 s.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>CPU seconds the whole cluster has used so far: the postmaster, its backends and background processes.</summary>
    public double CpuSeconds() => ProcessStats.CpuSecondsWithChildren(PostmasterPid());

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(_library, "pg_stop \"$1\"", _directory);
        }
        finally
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private int PostmasterPid() =>
        int.Parse(File.ReadLines(Path.Combine(_directory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    private static string Library(BenchEnvironment environment) => Path.Combine(environment.RepositoryRoot, "scripts", "postgres-lib.sh");

    /// <summary>Sources the library and runs <paramref name="script"/> in bash with <paramref name="arguments"/> as $1, $2, …; returns its output.</summary>
    private static async Task<string> RunAsync(string library, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-c", "source \"$0\" && " + script, library, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start bash.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? (await output).Trim()
            : throw new InvalidOperationException($"PostgreSQL: '{script}' failed (exit {Invariant(process.ExitCode)}): {(await error).Trim()} {(await output).Trim()}");
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
