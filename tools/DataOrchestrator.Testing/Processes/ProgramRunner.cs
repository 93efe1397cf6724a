using System.Diagnostics;
using System.Globalization;

namespace DataOrchestrator.Testing.Processes;

/// <summary>Runs a short-lived program to its end (initdb, pg_ctl, kill, dotnet-gcdump) and returns what it printed.</summary>
public static class ProgramRunner
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs <paramref name="fileName"/>; kills it and throws when it has not ended within the timeout (two minutes unless given).</summary>
    public static async Task<ProgramResult> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var argumentList = arguments.ToArray();
        var start = new ProcessStartInfo(fileName, argumentList) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? DefaultTimeout;
        using var cancellation = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', argumentList)} did not finish within {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }

        return new ProgramResult(process.ExitCode, await output + await error);
    }
}
