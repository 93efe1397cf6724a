using System.Text.Json.Serialization;
using DataOrchestrator.Application.Orchestrations.Queries;

namespace DataOrchestrator.Api.Contracts;

/// <summary>The envelope of GET /status and GET /status/{orchestration_id}.</summary>
public sealed class StatusResponse
{
    [JsonPropertyName("status")]
    public string Status { get; init; } = ApiStatus.Success;

    [JsonPropertyName("status_code")]
    public int StatusCode { get; init; } = 200;

    [JsonPropertyName("response")]
    public required OrchestrationProcesses Response { get; init; }

    public static StatusResponse Of(IEnumerable<OrchestrationStatusDto> orchestrations, string? nextCursor = null, int statusCode = 200)
    {
        // Insertion order is kept by Dictionary when nothing is removed, so the JSON object keeps the given order.
        var processes = new Dictionary<string, OrchestrationStatusDto>();
        foreach (var orchestration in orchestrations)
        {
            processes[orchestration.OrchestrationId] = orchestration;
        }

        return new StatusResponse { StatusCode = statusCode, Response = new OrchestrationProcesses { Processes = processes, NextCursor = nextCursor } };
    }
}
