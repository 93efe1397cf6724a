using System.Text.Json.Serialization;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>One orchestration as GET /status reports it (the original's entry, plus <c>items</c>).</summary>
public sealed class OrchestrationStatusDto
{
    /// <example>c858791f-e6ac-43d0-bc03-4accd023b80a</example>
    [JsonPropertyName("orchestration_id")]
    public string OrchestrationId { get; set; } = string.Empty;

    [JsonPropertyName("process_status")]
    [JsonConverter(typeof(WireNameConverter<ProcessStatus>))]
    public ProcessStatus ProcessStatus { get; set; }

    /// <example>2025-05-22T13:18:03.627937+00:00</example>
    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; set; }

    /// <example>2025-05-22T13:18:12.874444+00:00</example>
    [JsonPropertyName("updated_at")]
    public DateTimeOffset UpdatedAt { get; set; }

    [JsonPropertyName("properties")]
    public IDictionary<string, string> Properties { get; set; } = new Dictionary<string, string>();

    [JsonPropertyName("storage_paths")]
    public IReadOnlyList<StoragePathDto> StoragePaths { get; set; } = [];

    [JsonPropertyName("items")]
    public IReadOnlyList<OrchestrationItemDto> Items { get; set; } = [];

    /// <summary>The completion callback, or null when the request named no <c>callbackUrl</c>.</summary>
    [JsonPropertyName("callback")]
    public CallbackStatusDto? Callback { get; set; }
}
