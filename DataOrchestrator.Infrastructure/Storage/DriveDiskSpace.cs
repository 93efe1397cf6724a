namespace DataOrchestrator.Infrastructure.Storage;

/// <summary>Asks the operating system (statvfs on Unix, GetDiskFreeSpaceEx on Windows) for the directory's file system.</summary>
internal sealed class DriveDiskSpace : IDiskSpace
{
    public long AvailableBytes(string directory) => new DriveInfo(directory).AvailableFreeSpace;
}
