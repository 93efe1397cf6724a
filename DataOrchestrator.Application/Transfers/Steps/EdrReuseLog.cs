using Microsoft.Extensions.Logging;

namespace DataOrchestrator.Application.Transfers.Steps;

/// <summary>The EDR reuse step's log messages.</summary>
internal static partial class EdrReuseLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Reusing the EDR of transfer process {TransferId} (agreement {ContractId}); no new transfer")]
    public static partial void Reused(ILogger logger, string transferId, string contractId);
}
