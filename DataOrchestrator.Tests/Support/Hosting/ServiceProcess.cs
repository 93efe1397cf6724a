using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DataOrchestrator.Tests.Support.Hosting;

/// <summary>
/// The built service (<c>dotnet DataOrchestrator.Api.dll</c>) as a real process on a free loopback port, in a scratch
/// working directory (so no stray .env or logs/ is shared), with its console output kept for failure messages.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private const int StartAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private readonly string _workingDirectory;

    private ServiceProcess(string name, Process process, ConcurrentQueue<string> output, string workingDirectory, Uri address, string apiKey)
    {
        Name = name;
        _process = process;
        _output = output;
        _workingDirectory = workingDirectory;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(15) };
        Client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    }

    public string Name { get; }

    /// <summary>Where NLog writes its files (LOG_DIR); removed on dispose.</summary>
    public string LogDirectory => Path.Combine(_workingDirectory, "logs");

    public Uri Address { get; }

    public int Pid => _process.Id;

    /// <summary>A client of this instance that sends the client API key.</summary>
    public HttpClient Client { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Console lines so far (stderr ones prefixed); NLog writes asynchronously, so the last ones may lag.</summary>
    public IReadOnlyCollection<string> OutputLines => _output;

    /// <summary>Starts the service and returns once <c>GET /health/live</c> answers 200.</summary>
    public static async Task<ServiceProcess> StartAsync(string name, IReadOnlyDictionary<string, string> environment, string apiKey)
    {
        // A free port can be taken between our probe and the service's bind; then the service exits and we try another.
        for (var attempt = 1; ; attempt++)
        {
            var service = Launch(name, environment, apiKey);
            try
            {
                await service.WaitUntilLiveAsync();
                return service;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && service.HasExited && service.Output().Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await service.DisposeAsync();
            }
            catch
            {
                await service.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>kill -9: no shutdown code runs, leases stay in the database until they expire.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then waits for the graceful shutdown; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await signal.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not stop within {timeout} of SIGTERM.{Environment.NewLine}{Output()}");
        }

        return _process.ExitCode;
    }

    /// <summary>For assertion messages: the first warnings and errors, then the last console lines.</summary>
    public string Output(int lines = 40)
    {
        var problems = _output.Where(l => l.Contains("|WARN|", StringComparison.Ordinal) || l.Contains("|ERROR|", StringComparison.Ordinal)
            || l.Contains("|FATAL|", StringComparison.Ordinal) || l.StartsWith("[stderr]", StringComparison.Ordinal)).Take(40);
        return $"--- {Name} (pid {_process.Id}): first warnings and errors ---{Environment.NewLine}{string.Join(Environment.NewLine, problems)}{Environment.NewLine}" +
            $"--- {Name}: last {lines} lines ---{Environment.NewLine}{string.Join(Environment.NewLine, _output.TakeLast(lines))}";
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await KillAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a scratch directory under /tmp.
        }
    }

    private static ServiceProcess Launch(string name, IReadOnlyDictionary<string, string> environment, string apiKey)
    {
        var workingDirectory = Directory.CreateTempSubdirectory($"do-{name}-").FullName;
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreePort()}"));
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", address.GetLeftPart(UriPartial.Authority)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.Environment["LOG_DIR"] = Path.Combine(workingDirectory, "logs");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(output, e.Data, "");
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data, "[stderr] ");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(name, process, output, workingDirectory, address, apiKey);
    }

    private static void Keep(ConcurrentQueue<string> output, string? line, string prefix)
    {
        if (line is not null)
        {
            output.Enqueue(prefix + line);
        }
    }

    private async Task WaitUntilLiveAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting.{Environment.NewLine}{Output()}");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"{Name} did not answer /health/live within {StartTimeout}.{Environment.NewLine}{Output()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
