using System.Text.Json.Serialization;

namespace DataOrchestrator.Application.Orchestrations;

/// <summary>The inner <c>response</c> of a successful POST /orchestrate.</summary>
public sealed class OrchestrationAcceptedDto
{
    public const string StartedMessage = "Transfer processing started";

    [JsonPropertyName("orchestration_id")]
    public string OrchestrationId { get; set; } = string.Empty;

    [JsonPropertyName("status")]
    public string Status { get; set; } = "QUEUED";

    [JsonPropertyName("message")]
    public string Message { get; set; } = StartedMessage;
}
