using System.Diagnostics;
using System.Globalization;

namespace DataOrchestrator.Tests.Support.Postgres;

/// <summary>
/// PostgreSQL's server programs (initdb, pg_ctl) and how to run them: initdb and pg_ctl refuse to run as root, and
/// tests and CI run as root, so there they run as the postgres user through runuser.
/// </summary>
internal static class PostgresPrograms
{
    public const string InstallHint = "Run .ci/run (it installs PostgreSQL when it is missing) or `apt-get install -y postgresql`.";

    private static readonly Lazy<string> Bin = new(FindBinDirectory);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>pg_config --bindir when it holds initdb, else the newest /usr/lib/postgresql/*/bin.</summary>
    public static string BinDirectory => Bin.Value;

    /// <summary>Runs a server program (initdb, pg_ctl) as postgres when we are root; its own output comes back.</summary>
    public static Task<ProgramResult> RunServerProgramAsync(string workingDirectory, string program, params string[] arguments)
    {
        var path = Path.Combine(BinDirectory, program);
        return Environment.IsPrivilegedProcess
            ? RunAsync(workingDirectory, "runuser", ["-u", "postgres", "--", path, .. arguments])
            : RunAsync(workingDirectory, path, arguments);
    }

    /// <summary>As root, hands a directory we created to postgres so that its programs can write there.</summary>
    public static async Task GiveToPostgresAsync(string directory)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        var result = await RunAsync(directory, "chown", ["postgres:", directory]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Cannot hand {directory} to the postgres user. {InstallHint}{Environment.NewLine}{result.Output}");
        }
    }

    private static async Task<ProgramResult> RunAsync(string workingDirectory, string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory, // postgres must be able to read it: initdb and pg_ctl look it up
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }

        return new ProgramResult(process.ExitCode, (await output) + (await error));
    }

    private static string FindBinDirectory()
    {
        var candidates = new List<string>();
        if (PgConfigBinDirectory() is { } configured)
        {
            candidates.Add(configured);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(version => decimal.TryParse(Path.GetFileName(version), CultureInfo.InvariantCulture, out var number) ? number : -1)
                .Select(version => Path.Combine(version, "bin")));
        }

        return candidates.FirstOrDefault(directory => File.Exists(Path.Combine(directory, "initdb")))
            ?? throw new InvalidOperationException($"PostgreSQL's server programs (initdb) were not found through pg_config --bindir or in /usr/lib/postgresql/*/bin. {InstallHint}");
    }

    private static string? PgConfigBinDirectory()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", ["--bindir"]) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no pg_config on the PATH
        }
    }
}
