using System.Text.Json.Serialization;

namespace DataOrchestrator.Application.Orchestrations.Submit;

/// <summary>The inner <c>response</c> of a successful POST /orchestrate.</summary>
public sealed class OrchestrationAcceptedDto
{
    public const string StartedMessage = "Transfer processing started";

    /// <example>c858791f-e6ac-43d0-bc03-4accd023b80a</example>
    [JsonPropertyName("orchestration_id")]
    public string OrchestrationId { get; set; } = string.Empty;

    [JsonPropertyName("status")]
    public string Status { get; set; } = "QUEUED";

    /// <example>Transfer processing started</example>
    [JsonPropertyName("message")]
    public string Message { get; set; } = StartedMessage;
}
