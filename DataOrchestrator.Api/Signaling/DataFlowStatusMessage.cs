using System.Text.Json.Serialization;

namespace DataOrchestrator.Api.Signaling;

/// <summary>The spec's <c>DataFlowStatusMessage</c> as the data plane answers it: never with a data address (pull).</summary>
public sealed class DataFlowStatusMessage
{
    [JsonPropertyName("messageId")]
    public required string MessageId { get; init; }

    [JsonPropertyName("dataFlowId")]
    public required string DataFlowId { get; init; }

    [JsonPropertyName("state")]
    public required string State { get; init; }
}
