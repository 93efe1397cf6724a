namespace DataOrchestrator.Bench.Processes;

/// <summary>Where the built service and simulator are, and a scratch directory per run.</summary>
internal sealed class BenchEnvironment : IDisposable
{
    public const string ClientKey = "bench-client-key";

    /// <summary>Extra environment for every service process (bench option --service-env K=V,K=V), for experiments.</summary>
    public Dictionary<string, string> ServiceOverrides { get; } = [];

    private BenchEnvironment(string root, string work)
    {
        RepositoryRoot = root;
        WorkDirectory = work;
    }

    public string RepositoryRoot { get; }

    public string WorkDirectory { get; }

    public string ServiceDll => Path.Combine(RepositoryRoot, "DataOrchestrator.Api", "bin", "Release", "net10.0", "DataOrchestrator.Api.dll");

    public string SimulatorDll => Path.Combine(RepositoryRoot, "tools", "DataOrchestrator.EdcSimulator", "bin", "Release", "net10.0", "DataOrchestrator.EdcSimulator.dll");

    public static BenchEnvironment Create()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DataOrchestrator.sln")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the repository (DataOrchestrator.sln not found).");
        var environment = new BenchEnvironment(root, Directory.CreateTempSubdirectory("do-bench-").FullName);
        foreach (var dll in new[] { environment.ServiceDll, environment.SimulatorDll })
        {
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"{dll} is missing: build with 'dotnet build -c Release' first (bench/run.sh does).");
            }
        }

        return environment;
    }

    /// <summary>Starts the EDC simulator with a default latency per Management API call.</summary>
    public Task<ManagedProcess> StartSimulatorAsync(int latencyMs) =>
        ManagedProcess.StartAsync(SimulatorDll, "simulator", new Dictionary<string, string>(), WorkDirectory, "/_sim/health", "--latency-ms", latencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Starts the service with its own data directory, or with <paramref name="dataName"/>'s when instances share one;
    /// <paramref name="settings"/> are environment variables.
    /// </summary>
    public Task<ManagedProcess> StartServiceAsync(string name, IReadOnlyDictionary<string, string> settings, string? dataName = null)
    {
        var dataDirectory = DataDirectory(dataName ?? name);
        Directory.CreateDirectory(dataDirectory);
        var environment = new Dictionary<string, string>
        {
            ["DATA_STORAGE_PATH"] = dataDirectory,
            ["LOG_DIR"] = Path.Combine(WorkDirectory, "logs-" + name),
            ["LOG_LEVEL"] = "WARNING",
            ["API_KEYS"] = ClientKey,
            ["EDC_API_KEY"] = "password",
            // One client key drives the whole load: the rate limiter stays on, so its cost is measured, but is never reached.
            ["RATE_LIMIT_PER_SECOND"] = "1000000",
            ["RATE_LIMIT_BURST"] = "10000000",
        };
        foreach (var (key, value) in settings.Concat(ServiceOverrides))
        {
            environment[key] = value;
        }

        return ManagedProcess.StartAsync(ServiceDll, name, environment, WorkDirectory, "/health/live");
    }

    public string DataDirectory(string name) => Path.Combine(WorkDirectory, "data-" + name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
