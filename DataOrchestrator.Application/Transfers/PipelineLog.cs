using Microsoft.Extensions.Logging;

namespace DataOrchestrator.Application.Transfers;

/// <summary>
/// The pipeline's log messages, source-generated: on the hot path a disabled level costs one check, with no
/// argument boxing or array allocation.
/// </summary>
internal static partial class PipelineLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Queued item {ItemIndex} of orchestration {OrchestrationId} no longer exists")]
    public static partial void ItemGone(ILogger logger, int itemIndex, Guid orchestrationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Item cancelled by shutdown while trying to {Step}")]
    public static partial void Cancelled(ILogger logger, string step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Item cancelled by the client while trying to {Step}")]
    public static partial void CancelledByClient(ILogger logger, string step);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error while trying to {Step}")]
    public static partial void Unexpected(ILogger logger, Exception exception, string step);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Item failed while trying to {Step}: {ErrorCode} {ErrorMessage}")]
    public static partial void Failed(ILogger logger, string step, string errorCode, string errorMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer process {TransferId} requested for contract {ContractId}")]
    public static partial void TransferRequested(ILogger logger, string transferId, string contractId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer process {TransferId} found by the attempt key of an earlier request for contract {ContractId}")]
    public static partial void TransferFound(ILogger logger, string transferId, string contractId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connector refused the lookup of transfers by attempt key ({StatusCode}); taken as none found")]
    public static partial void LookupRefused(ILogger logger, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting the transfer failed ({Reason}); no transfer carries its attempt key, asking again")]
    public static partial void StartRepeated(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer process {TransferId} is STARTED")]
    public static partial void TransferStarted(ILogger logger, string transferId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read errorDetail of {ProcessId}: {Reason}")]
    public static partial void ErrorDetailUnavailable(ILogger logger, string processId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "EDR data address of transfer process {TransferId} retrieved after {Attempts} attempts")]
    public static partial void DataAddressRetrieved(ILogger logger, string transferId, int attempts);

    [LoggerMessage(Level = LogLevel.Debug, Message = "EDR data address of transfer process {TransferId} not cached yet; retrying in {Delay}")]
    public static partial void DataAddressNotYet(ILogger logger, string transferId, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transfer process {TransferId} could not be terminated: {Reason}")]
    public static partial void TerminateFailed(ILogger logger, string transferId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer process {TransferId} saved {Bytes} bytes to {StoragePath}")]
    public static partial void Saved(ILogger logger, string? transferId, long bytes, string storagePath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Contract negotiation {NegotiationId} requested for offer {OfferId}")]
    public static partial void NegotiationRequested(ILogger logger, string negotiationId, string offerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connector refused a transfer under reused agreement {ContractId} (HTTP {StatusCode}); negotiating the offer instead")]
    public static partial void ReusedAgreementRefused(ILogger logger, string contractId, int statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sharing contract negotiation {NegotiationId} with another item of the orchestration")]
    public static partial void NegotiationShared(ILogger logger, string negotiationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Contract negotiation {NegotiationId} is FINALIZED with agreement {ContractId}")]
    public static partial void Negotiated(ILogger logger, string? negotiationId, string contractId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The data plane refused the EDR token of transfer process {TransferId} (HTTP {StatusCode}); refreshing the EDR once")]
    public static partial void RefreshingEdr(ILogger logger, string transferId, int? statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming with transfer process {TransferId} (state {State}); keeping it: {Usable}")]
    public static partial void Resuming(ILogger logger, string transferId, string state, bool usable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connector could not be reached to {Step}; the item waits {Delay} for it: {Reason}")]
    public static partial void WaitingForConnector(ILogger logger, string step, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped working on the item while trying to {Step}: {Reason}")]
    public static partial void TakenOver(ILogger logger, string step, string reason);
}
