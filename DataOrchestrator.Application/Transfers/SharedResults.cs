using System.Collections.Concurrent;

namespace DataOrchestrator.Application.Transfers;

/// <summary>
/// Per key, one start whose result every caller shares: while it runs, and for <c>keepFor</c> after it ended. A start
/// that fails is dropped as it fails, so the next caller starts again, unless <c>keepsFailure</c> takes the failure
/// for an answer (then it is shared and kept like a result). Ended entries older than <c>keepFor</c> are dropped on
/// each call, so the store stays as small as the recent work; a start still running never expires.
/// </summary>
public sealed class SharedResults<TResult>(TimeProvider timeProvider, TimeSpan keepFor, Func<Exception, bool>? keepsFailure = null)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// The result under <paramref name="key"/>: the one started already (running or ended within <c>keepFor</c>), or
    /// <paramref name="start"/>'s, started now. <paramref name="cancellationToken"/> ends only this caller's wait; the
    /// start goes on for the others (whether it observes a token is up to <paramref name="start"/>).
    /// </summary>
    public async Task<TResult> GetOrStartAsync(string key, Func<Task<TResult>> start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(start);
        var now = timeProvider.GetUtcNow();
        foreach (var (expiredKey, expired) in _entries.Where(e => e.Value.EndedAt is { } ended && now - ended > keepFor))
        {
            _entries.TryRemove(KeyValuePair.Create(expiredKey, expired));
        }

        // GetOrAdd may build two entries when callers race; only the one stored is ever started.
        var entry = _entries.GetOrAdd(key, static (key, args) => new Entry(args.Owner, key, args.Start), (Owner: this, Start: start));
        return await entry.Result.WaitAsync(cancellationToken);
    }

    /// <summary>How many entries are kept (running or ended lately); for tests.</summary>
    public int Count => _entries.Count;

    private async Task<TResult> RunAsync(string key, Entry entry, Func<Task<TResult>> start)
    {
        try
        {
            return await start();
        }
        catch (Exception exception) when (keepsFailure?.Invoke(exception) != true)
        {
            _entries.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
        finally
        {
            entry.End(timeProvider.GetUtcNow());
        }
    }

    private sealed class Entry
    {
        private readonly Lazy<Task<TResult>> _result;

        public Entry(SharedResults<TResult> owner, string key, Func<Task<TResult>> start) =>
            _result = new Lazy<Task<TResult>>(() => owner.RunAsync(key, this, start));

        public Task<TResult> Result => _result.Value;

        // Ticks, so that a caller sweeping on another thread never reads half a time; 0 while the start runs.
        private long _endedAtTicks;

        public DateTimeOffset? EndedAt => Interlocked.Read(ref _endedAtTicks) is > 0 and var ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

        public void End(DateTimeOffset at) => Interlocked.Exchange(ref _endedAtTicks, at.UtcTicks);
    }
}
