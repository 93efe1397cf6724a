using System.Globalization;
using DataOrchestrator.Testing.Processes;

namespace DataOrchestrator.Bench.Processes;

/// <summary>Where the built service and simulator are, and a scratch directory per run.</summary>
internal sealed class BenchEnvironment : IDisposable
{
    public const string ClientKey = "bench-client-key";

    /// <summary>
    /// Extra environment for every service process (bench option --service-env K=V,K=V), for experiments; {name} in a
    /// value becomes the process's name, e.g. DOTNET_JitStdOutFile=/tmp/jit-{name}.txt.
    /// </summary>
    public Dictionary<string, string> ServiceOverrides { get; } = [];

    private BenchEnvironment(string root, string work)
    {
        RepositoryRoot = root;
        WorkDirectory = work;
    }

    public string RepositoryRoot { get; }

    /// <summary>The build the scenarios run unless they pick one (bench option --service-build plain|published|PATH.dll).</summary>
    public string? DefaultServiceDll { get; set; }

    public string WorkDirectory { get; }

    public string ServiceDll => Path.Combine(RepositoryRoot, "DataOrchestrator.Api", "bin", "Release", "net10.0", "DataOrchestrator.Api.dll");

    /// <summary>The service as scripts/publish-service.sh ships it (ReadyToRun), published by bench/run.sh.</summary>
    public string PublishedServiceDll => Path.Combine(RepositoryRoot, "build", "service", "DataOrchestrator.Api.dll");

    public string SimulatorDll => Path.Combine(RepositoryRoot, "tools", "DataOrchestrator.EdcSimulator", "bin", "Release", "net10.0", "DataOrchestrator.EdcSimulator.dll");

    public static BenchEnvironment Create()
    {
        var environment = new BenchEnvironment(DataOrchestrator.Testing.RepositoryRoot.Path, Directory.CreateTempSubdirectory("do-bench-").FullName);
        foreach (var dll in new[] { environment.ServiceDll, environment.SimulatorDll })
        {
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"{dll} is missing: build with 'dotnet build -c Release' first (bench/run.sh does).");
            }
        }

        return environment;
    }

    /// <summary>Starts the EDC simulator with a default latency per Management API call, and further options.</summary>
    public Task<ServiceProcess> StartSimulatorAsync(int latencyMs, string[]? options = null) =>
        StartAsync("simulator", SimulatorDll, new Dictionary<string, string?>(), "/_sim/health", ["--latency-ms", latencyMs.ToString(CultureInfo.InvariantCulture), .. options ?? []]);

    /// <summary>
    /// Starts the independent EDC stand-in (<c>tools/edc-standin/standin.mjs</c>, Node) with a latency per Management
    /// API call: EDC's answers from a program that shares no code with the service or the simulator.
    /// </summary>
    public Task<ServiceProcess> StartStandInAsync(int latencyMs) =>
        StartAsync("standin", Path.Combine(RepositoryRoot, "tools", "edc-standin", "standin.mjs"), new Dictionary<string, string?>(), "/health",
            ["--latency-ms", latencyMs.ToString(CultureInfo.InvariantCulture)], host: "node");

    /// <summary>
    /// Starts the service with its own data directory, or with <paramref name="dataName"/>'s when instances share one;
    /// <paramref name="settings"/> are environment variables. <paramref name="dll"/>: another build of the service
    /// than the plain one (the published one).
    /// </summary>
    public Task<ServiceProcess> StartServiceAsync(string name, IReadOnlyDictionary<string, string> settings, string? dataName = null, string? dll = null)
    {
        var dataDirectory = DataDirectory(dataName ?? name);
        Directory.CreateDirectory(dataDirectory);
        var environment = new Dictionary<string, string?>
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
            environment[key] = value.Replace("{name}", name, StringComparison.Ordinal);
        }

        return StartAsync(name, dll ?? DefaultServiceDll ?? ServiceDll, environment, "/health/live", []);
    }

    public string DataDirectory(string name) => Path.Combine(WorkDirectory, "data-" + name);

    /// <summary>A process in the work directory whose output goes to &lt;name&gt;.log there, not into memory: runs are long.</summary>
    private Task<ServiceProcess> StartAsync(
        string name, string dll, IReadOnlyDictionary<string, string?> environment, string readyPath, string[] arguments, string host = "dotnet") =>
        ServiceProcess.StartAsync(new ServiceProcessOptions
        {
            Name = name,
            Dll = dll,
            Host = host,
            Arguments = arguments,
            Environment = environment,
            WorkingDirectory = WorkDirectory,
            ReadyPath = readyPath,
            LogFile = Path.Combine(WorkDirectory, $"{name}.log"),
            KeepOutput = false,
        });

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
