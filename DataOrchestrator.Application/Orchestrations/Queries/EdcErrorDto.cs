using System.Text.Json.Serialization;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>One entry of EDC's own error array, passed through unchanged.</summary>
public sealed class EdcErrorDto
{
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("path")]
    public string? Path { get; set; }

    [JsonPropertyName("invalidValue")]
    public string? InvalidValue { get; set; }
}
