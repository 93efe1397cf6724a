using System.Text.Json.Serialization;
using DataOrchestrator.Application.Orchestrations.Queries;

namespace DataOrchestrator.Api.Contracts;

/// <summary>The envelope of GET /status/summary.</summary>
public sealed class SummaryResponse
{
    [JsonPropertyName("status")]
    public string Status { get; init; } = ApiStatus.Success;

    [JsonPropertyName("status_code")]
    public int StatusCode { get; init; } = 200;

    [JsonPropertyName("response")]
    public required OrchestrationSummaryDto Response { get; init; }
}
