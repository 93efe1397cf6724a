using System.Globalization;

namespace DataOrchestrator.Bench.Processes;

/// <summary>Reads a Linux process's CPU time and memory from /proc (service process only, children excluded).</summary>
internal static class ProcessStats
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User and system (kernel) CPU seconds the process has used so far.</summary>
    public static (double User, double System) Cpu(int pid) => ParseCpu($"/proc/{pid}/stat");

    /// <summary>CPU seconds (user + system) of the calling thread alone.</summary>
    public static double ThreadCpuSeconds()
    {
        var (user, system) = ParseCpu("/proc/thread-self/stat");
        return user + system;
    }

    private static (double User, double System) ParseCpu(string statPath)
    {
        var stat = File.ReadAllText(statPath);
        // Fields after the command name, which is in parentheses and may contain spaces.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime / ClockTicksPerSecond, stime / ClockTicksPerSecond);
    }

    /// <summary>Busy and total jiffies of the whole machine (all cores), from /proc/stat.</summary>
    public static (long Busy, long Total) MachineCpu()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4]; // idle + iowait
        var total = fields.Take(8).Sum(); // user nice system idle iowait irq softirq steal
        return (total - idle, total);
    }

    public static long RssBytes(int pid) => StatusKilobytes(pid, "VmRSS:") * 1024;

    /// <summary>Peak resident set since start or since the last <see cref="ResetPeak"/>.</summary>
    public static long PeakRssBytes(int pid) => StatusKilobytes(pid, "VmHWM:") * 1024;

    /// <summary>Resets VmHWM to the current RSS (Linux 4.0+: write 5 to clear_refs).</summary>
    public static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    private static long StatusKilobytes(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{field} not found for process {pid}.");
    }
}
