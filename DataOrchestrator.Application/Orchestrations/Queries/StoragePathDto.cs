using System.Text.Json.Serialization;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>A saved file, as the original service listed it.</summary>
public sealed class StoragePathDto
{
    /// <example>f3a4b4e9-ccf7-4505-b1ea-50c282249d7a</example>
    [JsonPropertyName("transfer_id")]
    public string TransferId { get; set; } = string.Empty;

    /// <example>./data/file_f3a4b4e9-ccf7-4505-b1ea-50c282249d7a_20250522151810_0b56e3.json</example>
    [JsonPropertyName("storage_path")]
    public string StoragePath { get; set; } = string.Empty;

    [JsonPropertyName("status")]
    public string Status { get; set; } = "SAVED";
}
