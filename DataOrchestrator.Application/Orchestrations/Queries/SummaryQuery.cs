namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>The query string of GET /status/summary: <c>?minutes=</c>.</summary>
public sealed class SummaryQuery
{
    public const int DefaultMinutes = 60;
    public const int MaxMinutes = 1440;

    /// <summary>How many minutes of finished items to count, the current one included (default 60, at most 1440).</summary>
    public int? Minutes { get; set; }
}
