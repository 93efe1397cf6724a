using Microsoft.Extensions.Logging;

namespace DataOrchestrator.Application.Transfers.DataPlane;

internal static partial class DownloadLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Download of transfer process {TransferId} broke off ({Reason}); retry {Retry} of {Retries} in {Delay}, resuming after {Received} bytes")]
    public static partial void Retrying(ILogger logger, string transferId, int retry, int retries, long received, TimeSpan delay, string reason);
}
