namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>The wire names of the statuses, as the original service spelled them (SCREAMING_SNAKE_CASE).</summary>
public static class StatusNames
{
    public static string ToWireName(this ItemStatus status) => status switch
    {
        ItemStatus.Queued => "QUEUED",
        ItemStatus.NegotiationRequested => "NEGOTIATION_REQUESTED",
        ItemStatus.Negotiated => "NEGOTIATED",
        ItemStatus.TransferRequested => "TRANSFER_REQUESTED",
        ItemStatus.TransferStarted => "TRANSFER_STARTED",
        ItemStatus.DataAddressRetrieved => "DATA_ADDRESS_RETRIEVED",
        ItemStatus.Downloading => "DOWNLOADING",
        ItemStatus.Saved => "SAVED",
        ItemStatus.Failed => "FAILED",
        ItemStatus.Cancelled => "CANCELLED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string ToWireName(this ProcessStatus status) => status switch
    {
        ProcessStatus.Queued => "QUEUED",
        ProcessStatus.NegotiationRequested => "NEGOTIATION_REQUESTED",
        ProcessStatus.Negotiated => "NEGOTIATED",
        ProcessStatus.TransferRequested => "TRANSFER_REQUESTED",
        ProcessStatus.TransferStarted => "TRANSFER_STARTED",
        ProcessStatus.DataAddressRetrieved => "DATA_ADDRESS_RETRIEVED",
        ProcessStatus.Downloading => "DOWNLOADING",
        ProcessStatus.Completed => "COMPLETED",
        ProcessStatus.PartiallyCompleted => "PARTIALLY_COMPLETED",
        ProcessStatus.Failed => "FAILED",
        ProcessStatus.Cancelled => "CANCELLED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string ToWireName(this CallbackState state) => state switch
    {
        CallbackState.Pending => "PENDING",
        CallbackState.Delivered => "DELIVERED",
        CallbackState.Failed => "FAILED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static bool TryParseItemStatus(string name, out ItemStatus status) => TryParse(name, ToWireName, out status);

    public static bool TryParseProcessStatus(string name, out ProcessStatus status) => TryParse(name, ToWireName, out status);

    public static bool TryParseCallbackState(string name, out CallbackState state) => TryParse(name, ToWireName, out state);

    private static bool TryParse<T>(string name, Func<T, string> wireName, out T status)
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(wireName(value), name, StringComparison.Ordinal))
            {
                status = value;
                return true;
            }
        }

        status = default;
        return false;
    }
}
