using System.Text.Json.Serialization;

namespace DataOrchestrator.EdcSimulator.Management.Responses;

/// <summary>Answer to GET /v3|v4/transferprocesses/{id}/state (spec schema TransferState).</summary>
internal sealed class TransferStateResponse
{
    [JsonPropertyName("@type")]
    public string Type { get; } = "TransferState";

    public required string State { get; init; }

    [JsonPropertyName("@context")]
    public object Context { get; init; } = JsonLdContext.Compact;

    public static TransferStateResponse For(string state, string apiVersion) =>
        new() { State = state, Context = JsonLdContext.For(apiVersion) };
}
