using System.Text.Json.Serialization;
using DataOrchestrator.Application.Orchestrations;

namespace DataOrchestrator.Api.Contracts;

/// <summary>The inner <c>response</c> of GET /status: orchestrations keyed by id.</summary>
public sealed class OrchestrationProcesses
{
    [JsonPropertyName("orchestration_processes")]
    public required IDictionary<string, OrchestrationStatusDto> Processes { get; init; }
}
