using System.ComponentModel.DataAnnotations;

namespace DataOrchestrator.Infrastructure.Storage;

/// <summary>Where downloaded files go.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The data directory (env <c>DATA_STORAGE_PATH</c>), as written in <c>storage_path</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataPath { get; set; } = "./data";
}
