using System.Text.Json.Serialization;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>The completion callback of an orchestration and how its delivery stands.</summary>
public sealed class CallbackStatusDto
{
    /// <example>https://client.example/hooks/orchestrations</example>
    [JsonPropertyName("url")]
    public string Url { get; set; } = string.Empty;

    [JsonPropertyName("state")]
    [JsonConverter(typeof(WireNameConverter<CallbackState>))]
    public CallbackState State { get; set; }

    /// <summary>Attempts started so far; the callback request's own body shows the attempt it belongs to.</summary>
    [JsonPropertyName("attempts")]
    public int Attempts { get; set; }

    /// <summary>Why the most recent failed attempt failed (<c>HTTP 503</c>, <c>timeout after 10 s</c>, …); kept after a later delivery.</summary>
    [JsonPropertyName("last_error")]
    public string? LastError { get; set; }

    /// <example>2025-05-22T13:18:13.004512+00:00</example>
    [JsonPropertyName("delivered_at")]
    public DateTimeOffset? DeliveredAt { get; set; }
}
