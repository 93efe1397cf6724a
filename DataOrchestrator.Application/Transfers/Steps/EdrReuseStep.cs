using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Transfers.Catalog;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers.Steps;

/// <summary>
/// REUSE_EDRS (Tractus-X EDC, whose EDR cache outlives a transfer): before a transfer is started, the connector's EDR
/// cache is asked for an EDR of the item's agreement and asset; the item then downloads with it instead of starting a
/// transfer. Items asking at the same time (one decision at a time per agreement and asset) share the transfer the
/// first of them starts, so an orchestration's items of one agreement make one transfer. Transfers in this mode are
/// not terminated after the download, so their EDRs stay reusable. Not for Data Plane Signaling, which has no EDR cache.
/// </summary>
public sealed class EdrReuseStep(
    IEdcClient edcClient,
    KeyedTransferStart start,
    KeyedLock locks,
    SharedTransfers started,
    ItemRecorder recorder,
    IOptions<CatalogOptions> options,
    ILogger<EdrReuseStep> logger) : IPipelineStep
{
    public string Name => "look for a reusable EDR";

    public string Stage => PipelineStage.ReuseEdr;

    public bool AppliesTo(OrchestrationItem item) =>
        options.Value.ReuseEdrs && item is { ContractId: not null, TransferId: null, TransferAttemptKey: null, EdrReused: false };

    public async Task<OrchestrationItem> RunAsync(PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(item);
        if (run.Connector.IsDps)
        {
            return item;
        }

        var contractId = item.ContractId!;
        var assetId = item.Offer?.AssetId ?? item.Catalog?.AssetId;
        var key = string.Join('\n', run.Connection.ManagementBaseUrl, contractId, assetId);
        using (await locks.AcquireAsync($"edr-reuse\n{key}", cancellationToken))
        {
            var held = (await edcClient.QueryEdrsAsync(run.Connection, contractId, assetId, cancellationToken))
                .Where(edr => (edr.AgreementId is null || edr.AgreementId == contractId) && (assetId is null || edr.AssetId is null || edr.AssetId == assetId))
                .OrderByDescending(edr => edr.CreatedAt)
                .Select(edr => edr.TransferProcessId)
                .FirstOrDefault();
            if (held is not null)
            {
                return await ReuseAsync(run, item, held, cancellationToken);
            }

            // None held: the transfer an item started here lately, or one started now, under the lock, so the items
            // waiting for it share it.
            OrchestrationItem? startedHere = null;
            var shared = await started.GetOrStartAsync(key, async () =>
            {
                startedHere = await start.StartNewAsync(run, item, cancellationToken);
                return startedHere.TransferId!;
            });
            return startedHere ?? await ReuseAsync(run, item, shared, cancellationToken);
        }
    }

    private async Task<OrchestrationItem> ReuseAsync(PipelineRun run, OrchestrationItem item, string transferId, CancellationToken cancellationToken)
    {
        EdrReuseLog.Reused(logger, transferId, item.ContractId!);
        return await recorder.SaveAsync(
            run.OrchestrationId, item with { TransferId = transferId, EdrReused = true, Status = ItemStatus.TransferRequested }, cancellationToken);
    }
}
