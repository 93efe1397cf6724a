using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace DataOrchestrator.Testing.Processes;

/// <summary>
/// A built dotnet program (the service, the EDC simulator) as a real process on a free loopback port, in a scratch
/// working directory unless given one, with its console output kept for failure messages. Disposing kills it.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int StartAttempts = 3;

    private readonly Process _process;
    private readonly ProcessOutput _output;
    private readonly bool _ownsDirectory;

    private ServiceProcess(ServiceProcessOptions options, ProcessLaunch launch)
    {
        Name = options.Name;
        _process = launch.Process;
        _output = launch.Output;
        WorkingDirectory = launch.WorkingDirectory;
        _ownsDirectory = launch.OwnsDirectory;
        Address = launch.Address;
        Client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(15) };
        if (options.ApiKey is not null)
        {
            Client.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
        }
    }

    public string Name { get; }

    /// <summary>Where it listens; with no ready path, the system chose the port and this says only the host.</summary>
    public Uri Address { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string WorkingDirectory { get; }

    /// <summary>Where the service's NLog writes its files unless LOG_DIR says otherwise.</summary>
    public string LogDirectory => Path.Combine(WorkingDirectory, "logs");

    /// <summary>A client of this process (with the API key of the options, when given).</summary>
    public HttpClient Client { get; }

    /// <summary>Console lines so far (standard error ones prefixed <c>[stderr]</c>); NLog writes asynchronously, so the last ones may lag.</summary>
    public IReadOnlyCollection<string> OutputLines => _output.Lines;

    public string StandardOutput => _output.Text(errors: false);

    public string StandardError => _output.Text(errors: true);

    /// <summary>Starts the program and, when the options name a ready path, returns once it answers 200 there.</summary>
    public static async Task<ServiceProcess> StartAsync(ServiceProcessOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);

        // A free port can be taken between our probe and the program's bind; then it exits and we try another.
        for (var attempt = 1; ; attempt++)
        {
            var process = new ServiceProcess(options, ProcessLaunch.Start(options));
            try
            {
                if (options.ReadyPath is { } readyPath)
                {
                    await process.WaitUntilReadyAsync(readyPath, options.StartTimeout, cancellationToken);
                }

                return process;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && process.HasExited
                && process.OutputLines.Any(l => l.Contains("address already in use", StringComparison.OrdinalIgnoreCase)))
            {
                await process.DisposeAsync();
            }
            catch
            {
                await process.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>True once a console line matching <paramref name="matches"/> has come; false when the process ended first.</summary>
    public Task<bool> WaitForOutputAsync(Func<string, bool> matches, CancellationToken cancellationToken = default) =>
        _output.WaitForLineAsync(matches, cancellationToken);

    /// <summary>Waits until the process has ended and its output is read; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        await _process.WaitForExitAsync(cancellationToken);
        _output.End();
        return _process.ExitCode;
    }

    /// <summary>kill -9 of the process and its children: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await WaitForExitAsync();
    }

    /// <summary>Sends SIGTERM, which starts a graceful shutdown.</summary>
    public async Task TerminateAsync()
    {
        if (!_process.HasExited)
        {
            await ProgramRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        }
    }

    /// <summary>SIGTERM, then waits for the graceful shutdown; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        await TerminateAsync();
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            return await WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not stop within {timeout} of SIGTERM.{Environment.NewLine}{Output()}");
        }
    }

    /// <summary>For assertion messages: the first warnings and errors, then the last console lines.</summary>
    public string Output(int lines = 40) => _output.Summary(Name, _process.Id, lines);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await KillAsync();
        _process.Dispose();
        _output.Dispose();
        if (_ownsDirectory)
        {
            try
            {
                Directory.Delete(WorkingDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a scratch directory under /tmp.
            }
        }
    }

    private async Task WaitUntilReadyAsync(string readyPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                var exitCode = await WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException($"{Name} exited with code {exitCode} while starting.{Environment.NewLine}{Output()}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri(readyPath, UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening yet, or too busy starting to answer within the probe's timeout.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new InvalidOperationException($"{Name} did not answer {readyPath} within {timeout}.{Environment.NewLine}{Output()}");
    }
}
