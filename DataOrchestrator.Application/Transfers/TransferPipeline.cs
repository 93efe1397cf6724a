using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Negotiation;
using DataOrchestrator.Application.Transfers.Storage;
using DataOrchestrator.Application.Workers;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers;

/// <summary>
/// The consumer PULL flow for one item: start the transfer, wait for STARTED, fetch the EDR,
/// download and save. Each step's result is written through the repository before the next starts.
/// </summary>
public sealed class TransferPipeline(
    IOrchestrationRepository repository,
    IEdcClient edcClient,
    IDataStore dataStore,
    ContractNegotiator negotiator,
    DataPlaneDownloader downloader,
    RunningOrchestrations running,
    OrchestratorMetrics metrics,
    IOptions<TransferOptions> options,
    TimeProvider timeProvider,
    ILogger<TransferPipeline> logger) : ITransferPipeline
{
    public const string TerminationReason = "Data retrieved by DataOrchestrator";
    public const string DeadlineReason = "Item deadline exceeded in DataOrchestrator";
    public const string CancelReason = "Orchestration cancelled by a DataOrchestrator client";

    private readonly TransferOptions _options = options.Value;

    public async Task RunAsync(ItemWork work, CancellationToken cancellationToken)
    {
        // Tracked before the read: a cancel either finds this item running, or it was stored before the read below.
        using var watch = running.Track(work.OrchestrationId);
        var orchestration = await repository.FindAsync(work.OrchestrationId, cancellationToken);
        if (orchestration is null || work.ItemIndex >= orchestration.Items.Count)
        {
            PipelineLog.ItemGone(logger, work.ItemIndex, work.OrchestrationId);
            return;
        }

        var item = orchestration.Items[work.ItemIndex];
        if (item.IsFinished)
        {
            return;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["OrchestrationId"] = work.OrchestrationId, ["ItemIndex"] = work.ItemIndex });
        var run = new PipelineRun(work.OrchestrationId, _options.ForConnector(orchestration.ConnectorAddress));

        // The item's own deadline and its orchestration's cancel, on top of shutdown: whatever step it is in, it ends then.
        using var deadline = new CancellationTokenSource(_options.ItemDeadline, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token, watch.Token);
        var token = linked.Token;
        var step = "start";
        try
        {
            if (orchestration.CancelRequestedAt is not null)
            {
                throw new OrchestrationCancelledException($"Orchestration {work.OrchestrationId} was cancelled.");
            }

            item = await SaveAsync(run, item with { Attempts = item.Attempts + 1, StartedAt = Now, Error = null }, cancellationToken);
            step = "negotiate the contract";
            if (item.ContractId is null)
            {
                item = await metrics.TimeStageAsync(
                    PipelineStage.Negotiate, () => negotiator.NegotiateAsync(work.OrchestrationId, run.Connector, item, ProtocolOf(run, item), token));
            }

            step = "start the transfer";
            if (item.TransferId is { } earlier)
            {
                // Resumed after a crash or a takeover: files of the earlier attempt were never recorded, so they go.
                await dataStore.RemoveUnrecordedAsync(earlier, token);
            }

            var resumed = item.TransferId is { } previous && await IsUsableAsync(run, previous, token);
            item = resumed ? item : await metrics.TimeStageAsync(PipelineStage.StartTransfer, () => StartTransferAsync(run, item, token));
            using var transferScope = logger.BeginScope(new Dictionary<string, object> { ["TransferId"] = item.TransferId! });

            step = "wait for the transfer to start";
            item = await metrics.TimeStageAsync(PipelineStage.WaitStarted, () => WaitUntilStartedAsync(run, item, token));

            step = "retrieve the EDR data address";
            var (retrieved, dataReference) = await metrics.TimeStageAsync(PipelineStage.RetrieveEdr, () => RetrieveDataAddressAsync(run, item, token));
            item = retrieved;

            step = "download the data";
            item = await metrics.TimeStageAsync(PipelineStage.Download, () => DownloadAsync(run, item, dataReference, token));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            PipelineLog.Cancelled(logger, step);
            if (!repository.KeepsWorkAcrossRestarts)
            {
                await FailAsync(run, item, ItemError.Of(ItemErrorCodes.Cancelled, $"The service stopped while trying to {step}."));
            }

            // A durable store keeps the item as far as it got; it is resumed after the restart (or by another instance).
            throw;
        }
        catch (Exception exception) when (watch.Token.IsCancellationRequested || exception is OrchestrationCancelledException)
        {
            await CancelAsync(run, item, step, cancellationToken);
            return;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var error = ItemError.Of(
                ItemErrorCodes.ItemDeadlineExceeded,
                $"The item did not finish within its deadline of {_options.ItemDeadline.TotalSeconds:0.###} s (while trying to {step}).");
            PipelineLog.Failed(logger, step, error.Code, error.Message);
            item = await FailAsync(run, item, error);
            if (item.TransferId is { } unfinished)
            {
                await TerminateAsync(run, unfinished, DeadlineReason, cancellationToken);
            }

            return;
        }
        catch (LeaseLostException lost)
        {
            PipelineLog.TakenOver(logger, step, lost.Message);
            return;
        }
        catch (StoreUnavailableException unavailable)
        {
            // Not the item's failure, and recording it as one would stick if the store is back by then (a dropped
            // connection): the item stays as far as it got and is resumed once released or its lease runs out.
            PipelineLog.TakenOver(logger, step, unavailable.Message);
            return;
        }
        catch (Exception exception)
        {
            var error = PipelineErrors.Describe(exception, step);
            if (error is null)
            {
                PipelineLog.Unexpected(logger, exception, step);
                error = ItemError.Of(ItemErrorCodes.InternalError, $"Internal error while trying to {step}.");
            }
            else
            {
                PipelineLog.Failed(logger, step, error.Code, error.Message);
            }

            item = await FailAsync(run, item, error);
        }

        if (item.Status == ItemStatus.Saved && run.Connector.TerminateAfterDownload)
        {
            await TerminateAsync(run, item.TransferId!, TerminationReason, cancellationToken);
        }
    }

    private DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>
    /// The client cancelled the orchestration: the transfer the item started is terminated on the connector, then the
    /// item is recorded CANCELLED (unless it finished meanwhile) — so a client that sees CANCELLED knows the transfer
    /// was terminated. Whatever it was downloading was removed by the data store.
    /// </summary>
    private async Task CancelAsync(PipelineRun run, OrchestrationItem item, string step, CancellationToken cancellationToken)
    {
        PipelineLog.CancelledByClient(logger, step);
        try
        {
            item = await LatestAsync(run, item);
            if (item.IsFinished)
            {
                return;
            }

            if ((item.TransferId ?? run.StartedTransferId) is { } transferId)
            {
                await TerminateAsync(run, transferId, CancelReason, cancellationToken);
            }

            var reason = ItemError.Of(ItemErrorCodes.Cancelled, $"Cancelled by the client while trying to {step}.");
            await SaveAsync(run, item.Cancel(reason, Now), CancellationToken.None);
        }
        catch (Exception exception) when (exception is LeaseLostException or StoreUnavailableException)
        {
            // Another instance owns the item now, or the store is away: whoever runs it next finds the cancel stored.
            PipelineLog.TakenOver(logger, step, exception.Message);
        }
    }

    /// <summary>
    /// The item as stored: a step may have saved progress before it failed (a negotiation id, say), which the failure
    /// must keep — items sharing that negotiation find it there.
    /// </summary>
    private async Task<OrchestrationItem> FailAsync(PipelineRun run, OrchestrationItem item, ItemError error) =>
        await SaveAsync(run, (await LatestAsync(run, item)).Fail(error, Now), CancellationToken.None);

    private async Task<OrchestrationItem> LatestAsync(PipelineRun run, OrchestrationItem item) =>
        (await repository.FindAsync(run.OrchestrationId, CancellationToken.None))?.Items[item.Index] ?? item;

    private static string ProtocolOf(PipelineRun run, OrchestrationItem item) =>
        item.Protocol ?? DspProtocols.Infer(item.CounterPartyAddress) ?? run.Connector.Protocol;

    /// <summary>
    /// A resumed item (after a crash or a takeover) keeps the transfer it already has while EDC still has it and it
    /// has not ended, so no second transfer is started for it.
    /// </summary>
    private async Task<bool> IsUsableAsync(PipelineRun run, string transferId, CancellationToken cancellationToken)
    {
        try
        {
            var state = await edcClient.GetTransferStateAsync(run.Connection, transferId, cancellationToken);
            var usable = !TransferStates.IsFailure(state);
            PipelineLog.Resuming(logger, transferId, state, usable);
            return usable;
        }
        catch (EdcRequestRejectedException rejected)
        {
            PipelineLog.Resuming(logger, transferId, $"unknown to EDC ({rejected.StatusCode})", false);
            return false;
        }
    }

    private async Task<OrchestrationItem> StartTransferAsync(PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken)
    {
        var request = new TransferStartRequest(item.CounterPartyAddress, item.ContractId!, item.ConnectorId, ProtocolOf(run, item));
        var transferId = await edcClient.StartTransferAsync(run.Connection, request, cancellationToken);

        // Known before it is stored: a cancel arriving now still terminates it.
        run.StartedTransferId = transferId;
        PipelineLog.TransferRequested(logger, transferId, request.ContractId);
        return await SaveAsync(run, item with { TransferId = transferId, Status = ItemStatus.TransferRequested }, cancellationToken);
    }

    private async Task<OrchestrationItem> WaitUntilStartedAsync(PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken)
    {
        var transferId = item.TransferId!;
        var (state, timedOut) = await StatePolling.UntilAsync(
            ct => edcClient.GetTransferStateAsync(run.Connection, transferId, ct),
            TransferStates.Started,
            TransferStates.IsFailure,
            _options.StartTimeout,
            _options,
            timeProvider,
            cancellationToken);

        if (timedOut)
        {
            throw new ItemFailedException(ItemError.Of(
                ItemErrorCodes.TransferStartTimeout,
                $"Transfer process {transferId} did not reach STARTED within {_options.StartTimeout.TotalSeconds:0.###} s (last state {state})."));
        }

        if (state != TransferStates.Started)
        {
            var detail = await TryGetErrorDetailAsync(run, transferId, cancellationToken);
            throw new ItemFailedException(ItemError.Of(
                ItemErrorCodes.TransferTerminated,
                $"Transfer process {transferId} ended in state {state}" + (detail is null ? "." : $": {detail}")));
        }

        PipelineLog.TransferStarted(logger, transferId);
        return await SaveAsync(run, item with { Status = ItemStatus.TransferStarted }, cancellationToken);
    }

    private async Task<string?> TryGetErrorDetailAsync(PipelineRun run, string transferId, CancellationToken cancellationToken)
    {
        try
        {
            return await edcClient.GetTransferErrorDetailAsync(run.Connection, transferId, cancellationToken);
        }
        catch (Exception exception) when (exception is EdcRequestRejectedException or EdcUnavailableException)
        {
            // The state already says the transfer failed; a missing detail must not hide that.
            PipelineLog.ErrorDetailUnavailable(logger, transferId, exception.Message);
            return null;
        }
    }

    private async Task<(OrchestrationItem Item, EndpointDataReference DataReference)> RetrieveDataAddressAsync(
        PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken)
    {
        var transferId = item.TransferId!;
        var delay = TimeSpan.FromMilliseconds(_options.DataAddressRetryDelayMs);
        for (var attempt = 0; ; attempt++)
        {
            var dataReference = await edcClient.GetDataAddressAsync(run.Connection, transferId, run.Connector.EdrAutoRefresh, cancellationToken);
            if (dataReference is not null)
            {
                PipelineLog.DataAddressRetrieved(logger, transferId, attempt + 1);
                return (await SaveAsync(run, item with { Status = ItemStatus.DataAddressRetrieved }, cancellationToken), dataReference);
            }

            if (attempt >= _options.DataAddressMaxRetries)
            {
                throw new ItemFailedException(ItemError.Of(
                    ItemErrorCodes.DataAddressUnavailable,
                    $"EDR data address of transfer process {transferId} was not available after {attempt + 1} attempts."));
            }

            PipelineLog.DataAddressNotYet(logger, transferId, delay);
            metrics.RecordRetry(RetryKind.DataAddress);
            await Task.Delay(delay, timeProvider, cancellationToken);
            delay *= 2;
        }
    }

    private async Task<OrchestrationItem> DownloadAsync(
        PipelineRun run, OrchestrationItem item, EndpointDataReference dataReference, CancellationToken cancellationToken)
    {
        item = await SaveAsync(run, item with { Status = ItemStatus.Downloading }, cancellationToken);
        await using var payload = await downloader.OpenAsync(run.Connector, item.TransferId!, dataReference, cancellationToken);
        var counted = new CountingStream(payload.Content);
        StoredFile stored;
        await using (new DownloadProgress(
            counted, item, payload.Length, TimeSpan.FromMilliseconds(_options.ProgressIntervalMs), timeProvider, (progress, ct) => SaveAsync(run, progress, ct)))
        {
            stored = await dataStore.SaveAsync(item.TransferId!, new DataPayload(counted, payload.ContentType, payload.Length), cancellationToken);
        }

        PipelineLog.Saved(logger, item.TransferId, stored.Bytes, stored.StoragePath);
        try
        {
            return await SaveAsync(
                run,
                item with
                {
                    Status = ItemStatus.Saved, StoragePath = stored.StoragePath, Bytes = stored.Bytes, Sha256 = stored.Sha256, FinishedAt = Now,
                    BytesDownloaded = stored.Bytes, BytesTotal = payload.Length ?? stored.Bytes,
                },
                cancellationToken);
        }
        catch (Exception exception) when (exception is LeaseLostException or OperationCanceledException)
        {
            // Never recorded: another instance owns the item now and fetches its own copy, or the item was cancelled.
            await dataStore.DeleteAsync(stored, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Best effort once the data is saved: a failure is logged and leaves the item SAVED.</summary>
    private async Task TerminateAsync(PipelineRun run, string transferId, string reason, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["TransferId"] = transferId });
        try
        {
            await edcClient.TerminateTransferAsync(run.Connection, transferId, reason, cancellationToken);
        }
        catch (Exception exception) when (exception is EdcRequestRejectedException or EdcUnavailableException)
        {
            PipelineLog.TerminateFailed(logger, transferId, exception.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: the data is saved; the transfer stays STARTED on the connector.
            PipelineLog.TerminateFailed(logger, transferId, "the service stopped");
        }
    }

    private async Task<OrchestrationItem> SaveAsync(PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken)
    {
        metrics.RecordItemSaved(item, await repository.SaveItemAsync(run.OrchestrationId, item, cancellationToken));
        return item;
    }

    private sealed record PipelineRun(Guid OrchestrationId, ConnectorSettings Connector)
    {
        public EdcConnection Connection => Connector.Connection;

        /// <summary>The transfer this run started, from the moment EDC answered (before it was stored).</summary>
        public string? StartedTransferId { get; set; }
    }
}
