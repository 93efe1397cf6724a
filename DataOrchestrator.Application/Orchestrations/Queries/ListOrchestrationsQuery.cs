namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>The query string of GET /status: <c>?limit=</c>, <c>?cursor=</c>, <c>?status=</c>, <c>?created_after=</c>, <c>?created_before=</c>.</summary>
public sealed class ListOrchestrationsQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Orchestrations per page, newest first (default 100, at most 1000).</summary>
    public int? Limit { get; set; }

    /// <summary>The <c>next_cursor</c> of the previous page.</summary>
    public string? Cursor { get; set; }

    /// <summary>Process statuses to keep, e.g. <c>COMPLETED</c>; repeat the parameter or separate them with commas.</summary>
    public IList<string>? Status { get; set; }

    /// <summary>Only orchestrations created after this instant (ISO 8601).</summary>
    public DateTimeOffset? CreatedAfter { get; set; }

    /// <summary>Only orchestrations created before this instant (ISO 8601).</summary>
    public DateTimeOffset? CreatedBefore { get; set; }

    /// <summary>
    /// The statuses asked for, split at commas; null when none were. An empty entry (<c>?status=</c>,
    /// <c>COMPLETED,,FAILED</c>) stays in as an empty name, which names no status.
    /// </summary>
    public IReadOnlyList<string>? StatusNames() =>
        Status is null or { Count: 0 } ? null : Status.SelectMany(s => (s ?? string.Empty).Split(',', StringSplitOptions.TrimEntries)).ToArray();
}
