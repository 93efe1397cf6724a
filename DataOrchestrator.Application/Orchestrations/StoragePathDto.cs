using System.Text.Json.Serialization;

namespace DataOrchestrator.Application.Orchestrations;

/// <summary>A saved file, as the original service listed it.</summary>
public sealed class StoragePathDto
{
    [JsonPropertyName("transfer_id")]
    public string TransferId { get; set; } = string.Empty;

    [JsonPropertyName("storage_path")]
    public string StoragePath { get; set; } = string.Empty;

    [JsonPropertyName("status")]
    public string Status { get; set; } = "SAVED";
}
