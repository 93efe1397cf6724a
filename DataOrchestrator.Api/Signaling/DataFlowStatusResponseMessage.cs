using System.Text.Json.Serialization;

namespace DataOrchestrator.Api.Signaling;

/// <summary>The spec's <c>DataFlowStatusResponseMessage</c> (<c>GET /dataflows/{id}/status</c>): no data address, ever.</summary>
public sealed class DataFlowStatusResponseMessage
{
    [JsonPropertyName("dataFlowId")]
    public required string DataFlowId { get; init; }

    [JsonPropertyName("state")]
    public required string State { get; init; }
}
