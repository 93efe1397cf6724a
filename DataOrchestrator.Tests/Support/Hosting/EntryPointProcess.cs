using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DataOrchestrator.Tests.Support.Hosting;

/// <summary>The real entry point (<c>dotnet DataOrchestrator.Api.dll</c>) run as a process, as an operator would, in a scratch working directory.</summary>
internal static class EntryPointProcess
{
    /// <summary>
    /// Where every run starts from; a test's own entries override these, and a null value removes a variable. The
    /// hosting environment is unset, as on a server (so Production, whatever the test runner has set), and the shipped
    /// default key is allowed, so that a test about another setting does not fail on it.
    /// </summary>
    private static readonly Dictionary<string, string?> Baseline = new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = null,
        ["DOTNET_ENVIRONMENT"] = null,
        ["ALLOW_DEFAULT_API_KEY"] = "true",
    };

    /// <returns>The exit code, and standard error followed by standard output.</returns>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        IReadOnlyDictionary<string, string?> environment, string? dotEnv, CancellationToken cancellationToken, bool stopAfterStart = false)
    {
        var directory = Directory.CreateTempSubdirectory("do-entry-").FullName;
        try
        {
            if (dotEnv is not null)
            {
                await File.WriteAllTextAsync(Path.Combine(directory, ".env"), dotEnv, cancellationToken);
            }

            var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", "http://127.0.0.1:0"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                WorkingDirectory = directory,
            };
            foreach (var (key, value) in Baseline.Concat(environment))
            {
                if (value is null)
                {
                    start.Environment.Remove(key);
                }
                else
                {
                    start.Environment[key] = value;
                }
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var stdout = new StringBuilder();
            while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                stdout.AppendLine(line);
                if (stopAfterStart && line.Contains("Application started", StringComparison.Ordinal))
                {
                    Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
                }
            }

            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, await stderr + stdout);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
