namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>How an orchestration's status follows from its items' statuses.</summary>
public static class ProcessStatusRules
{
    /// <summary>
    /// QUEUED until work starts; while items are unfinished, the least advanced stage among them;
    /// at the end CANCELLED (the client cancelled it: some items were stopped), else COMPLETED (all saved),
    /// PARTIALLY_COMPLETED (some saved, some failed) or FAILED (none saved).
    /// </summary>
    public static ProcessStatus Aggregate(IEnumerable<ItemStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        ItemStatus? leastAdvanced = null;
        var (count, saved, cancelled) = (0, 0, false);
        foreach (var status in statuses)
        {
            count++;
            if (status == ItemStatus.Saved)
            {
                saved++;
            }
            else if (status == ItemStatus.Cancelled)
            {
                cancelled = true;
            }
            else if (status != ItemStatus.Failed && (leastAdvanced is null || status < leastAdvanced))
            {
                leastAdvanced = status;
            }
        }

        if (count == 0)
        {
            return ProcessStatus.Queued;
        }

        if (leastAdvanced is { } stage)
        {
            return stage switch
            {
                ItemStatus.Queued => ProcessStatus.Queued,
                ItemStatus.WaitingForConnector => ProcessStatus.WaitingForConnector,
                ItemStatus.CatalogRequested => ProcessStatus.CatalogRequested,
                ItemStatus.NegotiationRequested => ProcessStatus.NegotiationRequested,
                ItemStatus.Negotiated => ProcessStatus.Negotiated,
                ItemStatus.TransferRequested => ProcessStatus.TransferRequested,
                ItemStatus.TransferStarted => ProcessStatus.TransferStarted,
                ItemStatus.DataAddressRetrieved => ProcessStatus.DataAddressRetrieved,
                _ => ProcessStatus.Downloading,
            };
        }

        return cancelled ? ProcessStatus.Cancelled
            : saved == count ? ProcessStatus.Completed
            : saved > 0 ? ProcessStatus.PartiallyCompleted
            : ProcessStatus.Failed;
    }

    /// <summary>An item in this status has finished: it will not change any more.</summary>
    public static bool IsFinal(this ItemStatus status) => status is ItemStatus.Saved or ItemStatus.Failed or ItemStatus.Cancelled;

    /// <summary>No item of the orchestration will change any more.</summary>
    public static bool IsTerminal(this ProcessStatus status) =>
        status is ProcessStatus.Completed or ProcessStatus.PartiallyCompleted or ProcessStatus.Failed or ProcessStatus.Cancelled;
}
