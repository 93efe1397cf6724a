using System.Globalization;
using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Storage;

namespace DataOrchestrator.Infrastructure.Storage;

/// <summary>
/// The size limit and the free-space reserve of one save. Checked once before anything is written (against the
/// announced length, when there is one), then as the bytes arrive: the size before every chunk, so the file never
/// grows past the limit; the free space every 8 MiB, since asking the file system costs a system call.
/// </summary>
internal sealed class SaveBudget
{
    public const long FreeSpaceCheckInterval = 8L * 1024 * 1024;

    private readonly StorageOptions _options;
    private readonly IDiskSpace _diskSpace;
    private readonly string _directory;
    private readonly long? _announced;
    private long _nextFreeSpaceCheck;

    public SaveBudget(StorageOptions options, IDiskSpace diskSpace, string directory, long? announced)
    {
        _options = options;
        _diskSpace = diskSpace;
        _directory = directory;
        _announced = announced;
    }

    /// <summary>Before the file is created: refuses what is announced too large or would not leave the reserve free.</summary>
    public void CheckBeforeWriting()
    {
        if (_options.MaxDownloadBytes > 0 && _announced > _options.MaxDownloadBytes)
        {
            throw new DownloadTooLargeException(
                $"the data plane announced {Describe(_announced.Value)}, more than the limit of {Describe(_options.MaxDownloadBytes)} (MAX_DOWNLOAD_BYTES); nothing was written.");
        }

        CheckFreeSpace(0, 0);
        _nextFreeSpaceCheck = FreeSpaceCheckInterval;
    }

    /// <summary>Before <paramref name="count"/> more bytes are written after <paramref name="written"/>.</summary>
    public void CheckBeforeWriting(long written, int count)
    {
        var total = written + count;
        if (_options.MaxDownloadBytes > 0 && total > _options.MaxDownloadBytes)
        {
            throw new DownloadTooLargeException(
                $"the download passed the limit of {Describe(_options.MaxDownloadBytes)} (MAX_DOWNLOAD_BYTES) and was stopped; its partial file was removed.");
        }

        if (total >= _nextFreeSpaceCheck)
        {
            CheckFreeSpace(written, count);
            _nextFreeSpaceCheck = total + FreeSpaceCheckInterval;
        }
    }

    /// <summary>What is still to come (announced or, without an announcement, the next chunk) must leave the reserve free.</summary>
    private void CheckFreeSpace(long written, int count)
    {
        var available = _diskSpace.AvailableBytes(_directory);
        var needed = Math.Max(_announced is { } announced ? announced - written : 0, count);
        if (available - needed >= _options.MinFreeBytes)
        {
            return;
        }

        var reserve = $"the {Describe(_options.MinFreeBytes)} kept free on the data directory's disk (MIN_FREE_DISK_BYTES)";
        var message = (written, _announced) switch
        {
            (0, null) => $"only {Describe(available)} are free, less than {reserve}; nothing was written.",
            (0, _) => $"{Describe(available)} are free and {Describe(needed)} announced, which would leave less than {reserve}; nothing was written.",
            _ => $"after {Describe(written)} only {Describe(available)} were free, less than {reserve} plus what is still to come; the download was stopped and its partial file removed.",
        };
        throw new InsufficientDiskSpaceException(message);
    }

    private static string Describe(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes ({bytes / (double)(1L << 30):0.##} GiB)"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes ({bytes / (double)(1L << 20):0.##} MiB)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
