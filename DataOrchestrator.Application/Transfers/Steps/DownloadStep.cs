using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Storage;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers.Steps;

/// <summary>
/// Downloads the data from the provider's data plane with the obtained address and saves it, recording progress at an
/// interval while it runs. A file whose item could not be recorded SAVED is deleted again.
/// </summary>
public sealed class DownloadStep(
    DataPlaneDownloader downloader,
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
        await using var payload = await downloader.OpenAsync(run.Connector, item.TransferId!, dataReference, cancellationToken);
        var counted = new CountingStream(payload.Content);
        StoredFile stored;
        var interval = TimeSpan.FromMilliseconds(options.Value.ProgressIntervalMs);
        await using (new DownloadProgress(counted, item, payload.Length, interval, timeProvider, (progress, ct) => recorder.SaveAsync(run.OrchestrationId, progress, ct)))
        {
            stored = await dataStore.SaveAsync(item.TransferId!, new DataPayload(counted, payload.ContentType, payload.Length), cancellationToken);
        }

        PipelineLog.Saved(logger, item.TransferId, stored.Bytes, stored.StoragePath);
        try
        {
            var saved = item with
            {
                Status = ItemStatus.Saved, StoragePath = stored.StoragePath, Bytes = stored.Bytes, Sha256 = stored.Sha256, FinishedAt = recorder.Now,
                BytesDownloaded = stored.Bytes, BytesTotal = payload.Length ?? stored.Bytes,
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
