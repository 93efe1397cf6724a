using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace DataOrchestrator.Tests.Support.Diagnostics;

/// <summary>
/// What keeps objects of one type alive in this very process: a heap dump taken with dotnet-dump (restored from the
/// repository's tool manifest) and <c>gcroot</c> of every instance. For a check that fails rarely, so that its one
/// failure names the culprit; slow (a dump of the whole test process), so only for a failure.
/// </summary>
internal static partial class HeapRoots
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(2);

    /// <param name="typeName">The type whose instances are rooted: a marker type only one object of interest holds names
    /// that object's paths alone, where a common type (a service provider) has many live instances.</param>
    /// <param name="through">Each path is shown up to the first holder of this type, when it has one.</param>
    public static async Task<string> DescribeAsync(string typeName, string? through = null)
    {
        var dump = Path.Combine(Path.GetTempPath(), $"do-heaproots-{Environment.ProcessId}-{Guid.NewGuid():N}.dmp");
        try
        {
            var (collected, collectOutput) = await DotnetDumpAsync("collect", "-p", $"{Environment.ProcessId}", "--type", "Heap", "-o", dump);
            if (!collected)
            {
                return $"no heap dump (dotnet-dump collect failed): {collectOutput}";
            }

            var (_, stat) = await DotnetDumpAsync("analyze", dump, "-c", $"dumpheap -stat -type {typeName}", "-c", "exit");
            var methodTable = StatLine().Matches(stat).FirstOrDefault(m => m.Groups["name"].Value == typeName)?.Groups["mt"].Value;
            if (methodTable is null)
            {
                return $"no instance of {typeName} in the dump:\n{stat}";
            }

            var (_, list) = await DotnetDumpAsync("analyze", dump, "-c", $"dumpheap -mt {methodTable} -short", "-c", "exit");
            var addresses = Address().Matches(list).Select(m => m.Value).Distinct().ToArray();
            var commands = addresses.SelectMany(a => new[] { "-c", $"gcroot {a}" }).Append("-c").Append("exit");
            var (_, roots) = await DotnetDumpAsync(["analyze", dump, .. commands]);
            return $"{addresses.Length} instance(s) of {typeName}; distinct root paths (root, then the nearest holders):\n{Compact(roots, through ?? typeName)}";
        }
        finally
        {
            File.Delete(dump);
        }
    }

    /// <summary>
    /// One line per distinct path of gcroot's output: the root (a handle, a thread's frame), then the last holders
    /// before the first object of type <paramref name="through"/> on the path (the rest of the path is dropped),
    /// namespaces dropped. A path that never passes that type (a singleton reached through its root scope, say) is
    /// shown up to the object rooted. gcroot prints thousands of lines for an object in use; a leak has few. When it
    /// found no root, the object was already unreachable when the dump was taken: whatever held it let go in between.
    /// </summary>
    internal static string Compact(string gcroot, string through, int holders = 6, int maxPaths = 12)
    {
        var paths = new List<string>();
        var chain = new List<string>();
        var root = string.Empty;
        var reached = false;

        void EndPath()
        {
            if (!reached && chain.Count > 0)
            {
                paths.Add($"{root}: {string.Join(" → ", chain.TakeLast(holders + 1))}");
            }

            chain.Clear();
            reached = false;
        }

        foreach (var raw in gcroot.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("->", StringComparison.Ordinal))
            {
                var type = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(2).FirstOrDefault() ?? "?";
                if (reached)
                {
                    continue;
                }

                chain.Add(type.Split('.')[^1]);
                if (type == through)
                {
                    paths.Add($"{root}: {string.Join(" → ", chain.TakeLast(holders + 1))}");
                    reached = true;
                }
            }
            else if (line.Length > 0 && !line.StartsWith("Found ", StringComparison.Ordinal))
            {
                EndPath();
                var label = Address().Replace(HexWord().Replace(line, string.Empty), string.Empty).Trim();
                root = label.Length > 80 ? label[..80] : label;
            }
        }

        EndPath();
        if (paths.Count == 0)
        {
            return NoRoots().IsMatch(gcroot)
                ? "none: unreachable when the dump was taken, so its holder let go between the check and the dump"
                : gcroot.Length > 2000 ? gcroot[..2000] : gcroot;
        }

        var distinct = paths.Distinct(StringComparer.Ordinal).ToList();
        return string.Join('\n', distinct.Take(maxPaths)) + (distinct.Count > maxPaths ? $"\n… {distinct.Count - maxPaths} more" : string.Empty);
    }

    private static async Task<(bool Ok, string Output)> DotnetDumpAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "tool", "run", "dotnet-dump", "--" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = Task.Run(async () => output.Append(await process.StandardOutput.ReadToEndAsync()));
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StepTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (false, "timed out");
        }

        await stdout;
        return (process.ExitCode == 0, output.Append(await stderr).ToString());
    }

    [GeneratedRegex(@"^\s*(?<mt>[0-9a-f]{8,16})\s+[\d,]+\s+[\d,]+\s+(?<name>\S+)\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex StatLine();

    [GeneratedRegex(@"(?<=^\s*)[0-9a-f]{8,16}(?=\s*$)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex Address();

    [GeneratedRegex(@"\b[0-9a-f]{8,16}\b", RegexOptions.IgnoreCase)]
    private static partial Regex HexWord();

    [GeneratedRegex(@"Found 0 unique roots", RegexOptions.IgnoreCase)]
    private static partial Regex NoRoots();
}
