namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>How an orchestration's status follows from its items' statuses.</summary>
public static class ProcessStatusRules
{
    /// <summary>
    /// QUEUED until work starts; while items are unfinished, the least advanced stage among them;
    /// at the end CANCELLED (the client cancelled it: some items were stopped), else COMPLETED (all saved),
    /// PARTIALLY_COMPLETED (some saved, some failed) or FAILED (none saved).
    /// </summary>
    public static ProcessStatus Aggregate(IReadOnlyCollection<OrchestrationItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return ProcessStatus.Queued;
        }

        ItemStatus? leastAdvanced = null;
        var saved = 0;
        var cancelled = false;
        foreach (var item in items)
        {
            if (item.Status == ItemStatus.Saved)
            {
                saved++;
            }
            else if (item.Status == ItemStatus.Cancelled)
            {
                cancelled = true;
            }
            else if (item.Status != ItemStatus.Failed && (leastAdvanced is null || item.Status < leastAdvanced))
            {
                leastAdvanced = item.Status;
            }
        }

        if (leastAdvanced is { } stage)
        {
            return stage switch
            {
                ItemStatus.Queued => ProcessStatus.Queued,
                ItemStatus.NegotiationRequested => ProcessStatus.NegotiationRequested,
                ItemStatus.Negotiated => ProcessStatus.Negotiated,
                ItemStatus.TransferRequested => ProcessStatus.TransferRequested,
                ItemStatus.TransferStarted => ProcessStatus.TransferStarted,
                ItemStatus.DataAddressRetrieved => ProcessStatus.DataAddressRetrieved,
                _ => ProcessStatus.Downloading,
            };
        }

        return cancelled ? ProcessStatus.Cancelled
            : saved == items.Count ? ProcessStatus.Completed
            : saved > 0 ? ProcessStatus.PartiallyCompleted
            : ProcessStatus.Failed;
    }

    /// <summary>No item of the orchestration will change any more.</summary>
    public static bool IsTerminal(this ProcessStatus status) =>
        status is ProcessStatus.Completed or ProcessStatus.PartiallyCompleted or ProcessStatus.Failed or ProcessStatus.Cancelled;
}
