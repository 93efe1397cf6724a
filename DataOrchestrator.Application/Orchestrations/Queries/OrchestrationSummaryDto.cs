using System.Text.Json.Serialization;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>GET /status/summary: orchestrations by process status, and items finished per minute by final status.</summary>
public sealed class OrchestrationSummaryDto
{
    [JsonPropertyName("process_counts")]
    public required ProcessCountsDto ProcessCounts { get; init; }

    /// <summary>All orchestrations in the store (the sum of <c>process_counts</c>).</summary>
    [JsonPropertyName("total")]
    public long Total { get; init; }

    /// <summary>One entry per minute asked for, oldest first, the last one the current (partial) minute.</summary>
    [JsonPropertyName("finished_per_minute")]
    public required IReadOnlyList<FinishedPerMinuteDto> FinishedPerMinute { get; init; }

    /// <example>2026-12-04T09:59:30.123456+00:00</example>
    [JsonPropertyName("generated_at")]
    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The store's counts as <paramref name="minutes"/> minutes from <paramref name="firstMinute"/> on, every minute present.</summary>
    public static OrchestrationSummaryDto Of(OrchestrationSummary summary, DateTimeOffset firstMinute, int minutes, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var buckets = new (long Saved, long Failed, long Cancelled)[minutes];
        foreach (var finished in summary.Finished)
        {
            var index = (long)(finished.Minute - firstMinute).TotalMinutes;
            if (index < 0 || index >= minutes)
            {
                continue;
            }

            ref var bucket = ref buckets[index];
            _ = finished.Status switch
            {
                ItemStatus.Saved => bucket.Saved += finished.Count,
                ItemStatus.Failed => bucket.Failed += finished.Count,
                ItemStatus.Cancelled => bucket.Cancelled += finished.Count,
                _ => 0,
            };
        }

        return new OrchestrationSummaryDto
        {
            ProcessCounts = new ProcessCountsDto(summary.ProcessCounts),
            Total = summary.ProcessCounts.Values.Sum(),
            FinishedPerMinute = buckets.Select((b, i) => new FinishedPerMinuteDto
            {
                Minute = firstMinute.AddMinutes(i), Saved = b.Saved, Failed = b.Failed, Cancelled = b.Cancelled,
            }).ToArray(),
            GeneratedAt = generatedAt,
        };
    }
}
