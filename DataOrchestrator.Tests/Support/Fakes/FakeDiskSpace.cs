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
        var used = new DirectoryInfo(directory).EnumerateFiles().Sum(SizeOrNothing);
        return Math.Max(0, capacity - used - OtherUsage);
    }

    /// <summary>
    /// The listing names a file and its size is read afterwards: a download completing meanwhile renames its temporary
    /// file, which then takes no room under that name (a CI run failed an item with STORAGE_FAILED "Could not find
    /// file '….part'" from this probe, the other item's temporary file having just been renamed).
    /// </summary>
    private static long SizeOrNothing(FileInfo file)
    {
        try
        {
            return file.Length;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }
}
