namespace DataOrchestrator.Infrastructure.Storage;

/// <summary>Free space on the disk holding a directory; replaceable so tests can fill a disk deterministically.</summary>
internal interface IDiskSpace
{
    /// <summary>Bytes the current user may still write on the file system of <paramref name="directory"/> (which exists).</summary>
    long AvailableBytes(string directory);
}
