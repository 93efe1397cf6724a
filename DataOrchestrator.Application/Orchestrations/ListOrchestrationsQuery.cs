namespace DataOrchestrator.Application.Orchestrations;

/// <summary>The query string of GET /status: <c>?limit=</c> and <c>?cursor=</c>.</summary>
public sealed class ListOrchestrationsQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Orchestrations per page, newest first (default 100, at most 1000).</summary>
    public int? Limit { get; set; }

    /// <summary>The <c>next_cursor</c> of the previous page.</summary>
    public string? Cursor { get; set; }
}
