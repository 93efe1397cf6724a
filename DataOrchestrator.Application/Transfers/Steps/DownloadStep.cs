using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Storage;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers.Steps;

/// <summary>
/// Downloads the data from the provider's data plane with the obtained address and saves it, resuming a broken
/// connection (<see cref="ResumableDownload"/>, watched by the DPS data flow: <see cref="DataFlowDownload"/>) and recording progress at an interval while it runs. A file whose
/// item could not be recorded SAVED is deleted again.
/// </summary>
public sealed class DownloadStep(
    DataFlowDownload download,
    IDataStore dataStore,
    ItemRecorder recorder,
    IOptions<TransferOptions> options,
    TimeProvider timeProvider,
    ILogger<DownloadStep> logger) : IPipelineStep
{
    public string Name => "download the data";

    public string Stage => PipelineStage.Download;

    public bool AppliesTo(OrchestrationItem item) => true;

    public async Task<OrchestrationItem> RunAsync(PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var dataReference = run.DataReference ?? throw new InvalidOperationException("The download runs after the data address was obtained.");
        item = await recorder.SaveAsync(run.OrchestrationId, item with { Status = ItemStatus.Downloading }, cancellationToken);
        var tracker = new DownloadTracker();
        var interval = TimeSpan.FromMilliseconds(options.Value.ProgressIntervalMs);
        StoredFile stored;
        await using (new DownloadProgress(tracker, item, interval, timeProvider, (progress, ct) => recorder.SaveAsync(run.OrchestrationId, progress, ct)))
        {
            stored = await download.RunAsync(run, item.TransferId!, dataReference, EndpointPath.Of(item), tracker, cancellationToken);
        }

        PipelineLog.Saved(logger, item.TransferId, stored.Bytes, stored.StoragePath);
        try
        {
            var saved = item with
            {
                Status = ItemStatus.Saved, StoragePath = stored.StoragePath, Bytes = stored.Bytes, Sha256 = stored.Sha256, FinishedAt = recorder.Now,
                BytesDownloaded = stored.Bytes, BytesTotal = tracker.Total ?? stored.Bytes,
            };
            return await recorder.SaveAsync(run.OrchestrationId, saved, cancellationToken);
        }
        catch (Exception exception) when (exception is LeaseLostException or OperationCanceledException)
        {
            // Never recorded: another instance owns the item now and fetches its own copy, or the item was cancelled.
            await dataStore.DeleteAsync(stored, CancellationToken.None);
            throw;
        }
    }
}
