using System.Text.Json.Serialization;
using DataOrchestrator.Application.Orchestrations.Submit;

namespace DataOrchestrator.Api.Contracts;

/// <summary>The envelope of a successful POST /orchestrate (the id appears twice, as in the original).</summary>
public sealed class OrchestrateResponse
{
    [JsonPropertyName("status")]
    public string Status { get; init; } = ApiStatus.Success;

    [JsonPropertyName("status_code")]
    public int StatusCode { get; init; } = 200;

    [JsonPropertyName("orchestration_id")]
    public required string OrchestrationId { get; init; }

    [JsonPropertyName("response")]
    public required OrchestrationAcceptedDto Response { get; init; }
}
