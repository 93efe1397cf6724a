using System.Text.Json.Serialization;
using DataOrchestrator.Application.Orchestrations.Queries;

namespace DataOrchestrator.Api.Contracts;

/// <summary>The inner <c>response</c> of GET /status: orchestrations keyed by id.</summary>
public sealed class OrchestrationProcesses
{
    [JsonPropertyName("orchestration_processes")]
    public required IDictionary<string, OrchestrationStatusDto> Processes { get; init; }

    /// <summary>Pass as <c>?cursor=</c> to GET /status for the next (older) page; null on the last page and for a single orchestration.</summary>
    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }
}
