using System.Collections.Concurrent;

namespace DataOrchestrator.Testing.Processes;

/// <summary>
/// What a <see cref="ServiceProcess"/> prints, line by line: kept in memory (unless told not to) and written to a log
/// file when one is given; callers may wait for a line.
/// </summary>
internal sealed class ProcessOutput : IDisposable
{
    private const string ErrorPrefix = "[stderr] ";

    private readonly ConcurrentQueue<(bool IsError, string Text)> _lines = new();
    private readonly List<(Func<string, bool> Matches, TaskCompletionSource<bool> Found)> _waiters = [];
    private readonly bool _keep;
    private readonly StreamWriter? _log;
    private bool _ended;

    public ProcessOutput(bool keep, string? logFile)
    {
        _keep = keep;
        _log = logFile is null ? null : new StreamWriter(logFile) { AutoFlush = true };
    }

    /// <summary>Every line so far, in order of arrival; standard error lines prefixed <c>[stderr]</c>.</summary>
    public IReadOnlyCollection<string> Lines => _lines.Select(l => l.IsError ? ErrorPrefix + l.Text : l.Text).ToArray();

    /// <summary>The lines of one stream, each ended by a newline.</summary>
    public string Text(bool errors) => string.Concat(_lines.Where(l => l.IsError == errors).Select(l => l.Text + "\n"));

    public void Add(string? line, bool isError)
    {
        if (line is null)
        {
            return;
        }

        if (_keep)
        {
            _lines.Enqueue((isError, line));
        }

        lock (_waiters)
        {
            if (_log?.BaseStream.CanWrite == true)
            {
                _log.WriteLine(line);
            }

            foreach (var waiter in _waiters.Where(w => w.Matches(line)).ToArray())
            {
                waiter.Found.TrySetResult(true);
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>True once a line matching <paramref name="matches"/> arrives; false when the output ends first.</summary>
    public async Task<bool> WaitForLineAsync(Func<string, bool> matches, CancellationToken cancellationToken)
    {
        var found = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (_lines.Any(l => matches(l.Text)))
            {
                return true;
            }

            if (_ended)
            {
                return false;
            }

            _waiters.Add((matches, found));
        }

        return await found.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The process has ended and its output is read to the end: nobody waits for a line any longer.</summary>
    public void End()
    {
        lock (_waiters)
        {
            _ended = true;
            _waiters.ForEach(w => w.Found.TrySetResult(false));
            _waiters.Clear();
        }
    }

    /// <summary>For failure messages: the first warnings and errors, then the last lines.</summary>
    public string Summary(string name, int pid, int lines)
    {
        var all = Lines;
        var problems = all.Where(l => l.Contains("|WARN|", StringComparison.Ordinal) || l.Contains("|ERROR|", StringComparison.Ordinal)
            || l.Contains("|FATAL|", StringComparison.Ordinal) || l.StartsWith(ErrorPrefix, StringComparison.Ordinal)).Take(40);
        return $"--- {name} (pid {pid}): first warnings and errors ---{Environment.NewLine}{string.Join(Environment.NewLine, problems)}{Environment.NewLine}" +
            $"--- {name}: last {lines} lines ---{Environment.NewLine}{string.Join(Environment.NewLine, all.TakeLast(lines))}";
    }

    public void Dispose()
    {
        End();
        lock (_waiters)
        {
            _log?.Dispose();
        }
    }
}
