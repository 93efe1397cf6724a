using System.Globalization;

namespace DataOrchestrator.Testing.Processes;

/// <summary>Reads a Linux process's CPU time and memory from /proc (the process alone, children excluded, unless a method says otherwise).</summary>
public static class ProcessStats
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User and system (kernel) CPU seconds the process has used so far.</summary>
    public static (double User, double System) Cpu(int pid) => ParseCpu($"/proc/{pid}/stat");

    /// <summary>CPU seconds (user + system) the process has used so far.</summary>
    public static double CpuSeconds(int pid)
    {
        var (user, system) = Cpu(pid);
        return user + system;
    }

    /// <summary>CPU seconds (user + system) of the calling thread alone.</summary>
    public static double ThreadCpuSeconds()
    {
        var (user, system) = ParseCpu("/proc/thread-self/stat");
        return user + system;
    }

    /// <summary>
    /// CPU seconds (user + system) of a process, of the children it has reaped and of its living children — for
    /// PostgreSQL's postmaster: the whole cluster, backends and background processes included.
    /// </summary>
    public static double CpuSecondsWithChildren(int pid)
    {
        var own = StatFields($"/proc/{pid}/stat");
        var ticks = Field(own, 11) + Field(own, 12) + Field(own, 13) + Field(own, 14); // utime stime cutime cstime
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            try
            {
                var fields = StatFields(Path.Combine(directory, "stat"));
                if (Field(fields, 1) == pid)
                {
                    ticks += Field(fields, 11) + Field(fields, 12);
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile; once reaped, its time is in the parent's cutime and cstime.
            }
        }

        return ticks / ClockTicksPerSecond;
    }

    private static (double User, double System) ParseCpu(string statPath)
    {
        var fields = StatFields(statPath);
        return (Field(fields, 11) / ClockTicksPerSecond, Field(fields, 12) / ClockTicksPerSecond);
    }

    /// <summary>The fields of a /proc stat file after the command name (state is 0, ppid 1, utime 11, stime 12).</summary>
    private static string[] StatFields(string statPath)
    {
        var stat = File.ReadAllText(statPath);
        // The command name is in parentheses and may contain spaces.
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static long Field(string[] fields, int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);

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
