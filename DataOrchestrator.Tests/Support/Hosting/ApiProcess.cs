using DataOrchestrator.Testing.Processes;

namespace DataOrchestrator.Tests.Support.Hosting;

/// <summary>
/// The built service (<c>dotnet DataOrchestrator.Api.dll</c>) as a process of its own, run as an operator runs it, in
/// a scratch working directory (so no stray .env or logs/ is shared).
/// </summary>
internal static class ApiProcess
{
    /// <summary>
    /// Where every run of <see cref="RunAsync"/> starts from; a test's own entries override these, and a null value
    /// removes a variable. The hosting environment is unset, as on a server (so Production, whatever the test runner
    /// has set), and the shipped default key is allowed, so that a test about another setting does not fail on it.
    /// </summary>
    private static readonly Dictionary<string, string?> Baseline = new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = null,
        ["DOTNET_ENVIRONMENT"] = null,
        ["ALLOW_DEFAULT_API_KEY"] = "true",
    };

    private static string Dll => typeof(Program).Assembly.Location;

    /// <summary>
    /// Starts the service on a free loopback port and returns once <c>GET /health/live</c> answers 200; its
    /// <see cref="ServiceProcess.Client"/> sends <paramref name="apiKey"/>.
    /// </summary>
    public static Task<ServiceProcess> StartAsync(string name, IReadOnlyDictionary<string, string> environment, string apiKey)
    {
        // NLog writes to logs/ in the scratch working directory (ServiceProcess.LogDirectory) unless LOG_DIR says otherwise.
        var settings = new Dictionary<string, string?> { ["LOG_DIR"] = null };
        foreach (var (key, value) in environment)
        {
            settings[key] = value;
        }

        return ServiceProcess.StartAsync(new ServiceProcessOptions { Name = name, Dll = Dll, Environment = settings, ReadyPath = "/health/live", ApiKey = apiKey });
    }

    /// <summary>Runs the service until it exits by itself or, with <paramref name="stopAfterStart"/>, until SIGTERM once it has started.</summary>
    /// <returns>The exit code, and standard error followed by standard output.</returns>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        IReadOnlyDictionary<string, string?> environment, string? dotEnv, CancellationToken cancellationToken, bool stopAfterStart = false)
    {
        var settings = new Dictionary<string, string?>(Baseline);
        foreach (var (key, value) in environment)
        {
            settings[key] = value;
        }

        await using var service = await ServiceProcess.StartAsync(
            new ServiceProcessOptions
            {
                Name = "entry",
                Dll = Dll,
                Environment = settings,
                Files = dotEnv is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [".env"] = dotEnv },
            },
            cancellationToken);
        if (stopAfterStart && await service.WaitForOutputAsync(line => line.Contains("Application started", StringComparison.Ordinal), cancellationToken))
        {
            await service.TerminateAsync();
        }

        var exitCode = await service.WaitForExitAsync(cancellationToken);
        return (exitCode, service.StandardError + service.StandardOutput);
    }
}
