using Microsoft.Extensions.Options;

namespace DataOrchestrator.Infrastructure.Storage;

/// <summary>Where a recorded <c>storage_path</c> is on disk, for the files endpoint to serve it.</summary>
public sealed class SavedFileLocator(IOptions<StorageOptions> options)
{
    /// <summary>The file behind <paramref name="storagePath"/>, or null when it is not there (any more).</summary>
    public string? Locate(string storagePath)
    {
        // Only the name counts: whatever the record says, the file is looked for inside the data directory.
        var path = Path.Combine(Path.GetFullPath(options.Value.DataPath), Path.GetFileName(storagePath));
        return File.Exists(path) ? path : null;
    }
}
