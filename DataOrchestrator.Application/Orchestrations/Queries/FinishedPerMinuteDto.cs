using System.Text.Json.Serialization;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>The items that finished within one UTC minute, by final status.</summary>
public sealed class FinishedPerMinuteDto
{
    /// <summary>The minute's start (UTC).</summary>
    /// <example>2026-12-04T09:00:00.000000+00:00</example>
    [JsonPropertyName("minute")]
    public DateTimeOffset Minute { get; init; }

    [JsonPropertyName("saved")]
    public long Saved { get; init; }

    [JsonPropertyName("failed")]
    public long Failed { get; init; }

    [JsonPropertyName("cancelled")]
    public long Cancelled { get; init; }
}
