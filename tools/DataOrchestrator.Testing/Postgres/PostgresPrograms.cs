using System.Diagnostics;
using System.Globalization;
using DataOrchestrator.Testing.Processes;

namespace DataOrchestrator.Testing.Postgres;

/// <summary>
/// PostgreSQL's server programs (initdb, pg_ctl) and how to run them: initdb and pg_ctl refuse to run as root, and
/// tests, the benchmark and CI run as root, so there they run as the postgres user through runuser.
/// </summary>
internal static class PostgresPrograms
{
    public const string InstallHint = "Run .ci/run (it installs PostgreSQL when it is missing) or `apt-get install -y postgresql`.";

    private static readonly Lazy<string> Bin = new(FindBinDirectory);

    /// <summary>pg_config --bindir when it holds initdb, else the newest /usr/lib/postgresql/*/bin.</summary>
    public static string BinDirectory => Bin.Value;

    /// <summary>Runs a server program (initdb, pg_ctl) as postgres when we are root; its own output comes back.</summary>
    public static Task<ProgramResult> RunServerProgramAsync(string workingDirectory, string program, params string[] arguments)
    {
        var path = Path.Combine(BinDirectory, program);
        return Environment.IsPrivilegedProcess
            ? ProgramRunner.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], workingDirectory)
            : ProgramRunner.RunAsync(path, arguments, workingDirectory);
    }

    /// <summary>As root, hands a directory we created to postgres so that its programs can write there.</summary>
    public static async Task GiveToPostgresAsync(string directory)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        var result = await ProgramRunner.RunAsync("chown", ["postgres:", directory], directory);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Cannot hand {directory} to the postgres user. {InstallHint}{Environment.NewLine}{result.Output}");
        }
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
