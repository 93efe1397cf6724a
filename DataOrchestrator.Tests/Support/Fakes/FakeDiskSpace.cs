using DataOrchestrator.Infrastructure.Storage;

namespace DataOrchestrator.Tests.Support.Fakes;

/// <summary>
/// A disk of <c>capacity</c> bytes holding the probed directory's files (hidden temporary ones included) and whatever
/// <see cref="OtherUsage"/> says others wrote: it fills as a download is written, deterministically.
/// </summary>
internal sealed class FakeDiskSpace(long capacity) : IDiskSpace
{
    private int _probes;
    private long _otherUsage;

    /// <summary>Bytes taken by something other than the directory's files, e.g. another program filling the disk.</summary>
    public long OtherUsage
    {
        get => Interlocked.Read(ref _otherUsage);
        set => Interlocked.Exchange(ref _otherUsage, value);
    }

    public int Probes => Volatile.Read(ref _probes);

    public long AvailableBytes(string directory)
    {
        Interlocked.Increment(ref _probes);
        var used = new DirectoryInfo(directory).EnumerateFiles().Sum(file => file.Length);
        return Math.Max(0, capacity - used - OtherUsage);
    }
}
