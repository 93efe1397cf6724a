using System.Text.Json.Serialization;

namespace DataOrchestrator.Application.Orchestrations;

/// <summary>One orchestration as GET /status reports it (the original's entry, plus <c>items</c>).</summary>
public sealed class OrchestrationStatusDto
{
    [JsonPropertyName("orchestration_id")]
    public string OrchestrationId { get; set; } = string.Empty;

    /// <summary>QUEUED, a pipeline stage, or at the end COMPLETED, PARTIALLY_COMPLETED or FAILED.</summary>
    [JsonPropertyName("process_status")]
    public string ProcessStatus { get; set; } = string.Empty;

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonPropertyName("updated_at")]
    public DateTimeOffset UpdatedAt { get; set; }

    [JsonPropertyName("properties")]
    public IDictionary<string, string> Properties { get; set; } = new Dictionary<string, string>();

    [JsonPropertyName("storage_paths")]
    public IReadOnlyList<StoragePathDto> StoragePaths { get; set; } = [];

    [JsonPropertyName("items")]
    public IReadOnlyList<OrchestrationItemDto> Items { get; set; } = [];
}
