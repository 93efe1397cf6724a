using System.Text.Json.Serialization;

namespace DataOrchestrator.EdcSimulator.Management.Responses;

/// <summary>Answer to a create call (spec schema IdResponse).</summary>
internal sealed class IdResponse
{
    [JsonPropertyName("@type")]
    public string Type { get; } = "IdResponse";

    [JsonPropertyName("@id")]
    public required string Id { get; init; }

    /// <summary>Creation time in epoch milliseconds.</summary>
    public required long CreatedAt { get; init; }

    [JsonPropertyName("@context")]
    public JsonLdContext Context { get; } = JsonLdContext.Compact;
}
