using System.Text.Json.Serialization;

namespace DataOrchestrator.EdcSimulator.Management.Responses;

/// <summary>
/// Answer to GET /v3|v4/contractnegotiations/{id}/state (spec schema NegotiationState: <c>@context</c> as an array
/// and <c>@type</c> are required in 3.1.3 and 4.1.0 alike).
/// </summary>
internal sealed class NegotiationStateResponse
{
    [JsonPropertyName("@type")]
    public string Type { get; } = "NegotiationState";

    public required string State { get; init; }

    [JsonPropertyName("@context")]
    public required IReadOnlyList<string> Context { get; init; }

    public static NegotiationStateResponse For(string state, string apiVersion) =>
        new() { State = state, Context = JsonLdContext.ArrayFor(apiVersion) };
}
