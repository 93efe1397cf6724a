using System.Text.Json.Serialization;

namespace DataOrchestrator.EdcSimulator.Management.Responses;

/// <summary>Answer to a create call (spec schema IdResponse; v4 requires the v2 context array).</summary>
internal sealed class IdResponse
{
    [JsonPropertyName("@type")]
    public string Type { get; } = "IdResponse";

    [JsonPropertyName("@id")]
    public required string Id { get; init; }

    /// <summary>Creation time in epoch milliseconds.</summary>
    public required long CreatedAt { get; init; }

    [JsonPropertyName("@context")]
    public object Context { get; init; } = JsonLdContext.Compact;

    public static IdResponse For(string id, long createdAtMs, string apiVersion) =>
        new() { Id = id, CreatedAt = createdAtMs, Context = JsonLdContext.For(apiVersion) };
}
