using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Storage;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Transfers;

/// <summary>Turns what went wrong in a pipeline step into the error an item records.</summary>
internal static class PipelineErrors
{
    /// <summary>Returns null for exceptions that are not the pipeline's to explain (bugs), which the caller logs in full.</summary>
    public static ItemError? Describe(Exception exception, string step) => exception switch
    {
        ItemFailedException failed => failed.Error,
        EdcRequestRejectedException rejected => new ItemError(
            ItemErrorCodes.EdcRequestRejected,
            $"EDC rejected the request to {step} ({rejected.StatusCode}): {rejected.Message}",
            rejected.Errors),
        EdcUnavailableException unavailable => new ItemError(
            ItemErrorCodes.EdcUnavailable,
            unavailable.IsTimeout
                ? $"EDC did not answer in time to {step}: {unavailable.Message}"
                : $"EDC could not be reached to {step}: {unavailable.Message}",
            unavailable.Errors),
        DataPlaneException dataPlane => ItemError.Of(ItemErrorCodes.DownloadFailed, $"Download failed: {dataPlane.Message}"),
        DownloadTooLargeException tooLarge => ItemError.Of(ItemErrorCodes.DownloadTooLarge, $"Download refused: {tooLarge.Message}"),
        InsufficientDiskSpaceException diskSpace => ItemError.Of(ItemErrorCodes.InsufficientDiskSpace, $"Saving the data stopped: {diskSpace.Message}"),
        StorageException storage => ItemError.Of(ItemErrorCodes.StorageFailed, $"Saving the data failed: {storage.Message}"),
        _ => null,
    };
}
