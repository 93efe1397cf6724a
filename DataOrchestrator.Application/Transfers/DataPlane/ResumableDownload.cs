using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers.DataPlane;

/// <summary>
/// Downloads a payload into the store and rides out a broken connection: a reset, a 5xx, a stall or a body cut short
/// is tried again after a doubling delay, up to DOWNLOAD_RETRIES times. A retry asks for the rest of the payload
/// (<c>Range</c>, with <c>If-Range</c>); when the data plane answers with the whole payload instead, it starts again
/// from byte 0. A refused token (401/403) is not retried here: <see cref="DataPlaneDownloader"/> refreshes a Tractus-X EDR.
/// </summary>
public sealed class ResumableDownload(
    DataPlaneDownloader downloader,
    IDataStore dataStore,
    OrchestratorMetrics metrics,
    IOptions<TransferOptions> options,
    TimeProvider timeProvider,
    ILogger<ResumableDownload> logger)
{
    public async Task<StoredFile> RunAsync(
        ConnectorSettings connector, string transferId, EndpointDataReference dataReference, EndpointPath path, DownloadTracker tracker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        var settings = options.Value;
        var delay = TimeSpan.FromMilliseconds(settings.DownloadRetryDelayMs);
        IPartialDownload? partial = null;
        string? validator = null;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    var resume = partial is { Received: > 0 } ? new ResumeFrom(partial.Received, validator) : null;
                    await using var payload = await downloader.OpenAsync(connector, transferId, dataReference, path, resume, cancellationToken);
                    partial ??= tracker.Partial = await dataStore.BeginAsync(transferId, payload.ContentType, payload.Length, cancellationToken);
                    validator ??= payload.Validator;
                    tracker.Total ??= payload.Length;
                    if (payload.StartsAt != partial.Received)
                    {
                        partial.Restart();
                        if (payload.StartsAt != 0)
                        {
                            throw new DataPlaneException($"the data plane answered bytes from {payload.StartsAt} on when {resume?.Offset ?? 0} were asked for.");
                        }
                    }

                    await partial.AppendAsync(payload.Content, cancellationToken);
                    return await partial.CompleteAsync(payload.Length, cancellationToken);
                }
                catch (DataPlaneException broken) when (IsTransient(broken) && attempt < settings.DownloadRetries)
                {
                    DownloadLog.Retrying(logger, transferId, attempt + 1, settings.DownloadRetries, partial?.Received ?? 0, delay, broken.Message);
                    metrics.RecordRetry(RetryKind.Download);
                    await Task.Delay(delay, timeProvider, cancellationToken);
                    delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
                }
            }
        }
        finally
        {
            if (partial is not null)
            {
                await partial.DisposeAsync();
            }
        }
    }

    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>What another connection may fix: no answer, an answer cut off, a server error, a timeout or throttling.</summary>
    private static bool IsTransient(DataPlaneException exception) => exception.StatusCode is null or >= 500 or 408 or 429;
}
