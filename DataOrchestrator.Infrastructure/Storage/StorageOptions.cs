using System.ComponentModel.DataAnnotations;

namespace DataOrchestrator.Infrastructure.Storage;

/// <summary>Where downloaded files go, and how much of the disk they may take.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The data directory (env <c>DATA_STORAGE_PATH</c>), as written in <c>storage_path</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataPath { get; set; } = "./data";

    /// <summary>Largest download saved, in bytes (env <c>MAX_DOWNLOAD_BYTES</c>); 0 means no limit.</summary>
    [Range(typeof(long), "0", "9223372036854775807")]
    public long MaxDownloadBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>
    /// Bytes that must stay free on the data directory's disk (env <c>MIN_FREE_DISK_BYTES</c>); 0 still refuses a
    /// download whose announced length does not fit.
    /// </summary>
    [Range(typeof(long), "0", "9223372036854775807")]
    public long MinFreeBytes { get; set; } = 1L * 1024 * 1024 * 1024;
}
