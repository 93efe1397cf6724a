using System.Text.Json.Serialization;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>Why an item failed.</summary>
public sealed class ItemErrorDto
{
    /// <summary>A stable code such as <c>EDC_REQUEST_REJECTED</c> or <c>TRANSFER_TERMINATED</c>.</summary>
    [JsonPropertyName("code")]
    public string Code { get; set; } = string.Empty;

    [JsonPropertyName("message")]
    public string Message { get; set; } = string.Empty;

    /// <summary>EDC's own error array when EDC answered with one, else empty.</summary>
    [JsonPropertyName("edc_errors")]
    public IReadOnlyList<EdcErrorDto> EdcErrors { get; set; } = [];
}
