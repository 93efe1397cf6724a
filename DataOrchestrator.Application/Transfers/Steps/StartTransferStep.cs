using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Negotiation;
using DataOrchestrator.Application.Transfers.Storage;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;

namespace DataOrchestrator.Application.Transfers.Steps;

/// <summary>
/// Starts the item's transfer process (<see cref="KeyedTransferStart"/>), or keeps the one it already has: a resumed
/// item (after a crash or a takeover) goes on with its transfer while EDC still has it and it has not ended, and an
/// item stopped between asking for a transfer and recording its id finds it by its attempt key. So no second
/// transfer is started for one attempt. A reused agreement (<c>edc-catalog</c>) that the connector refuses to transfer
/// under is stale: the item then negotiates its chosen offer, once, and starts with the new agreement.
/// </summary>
public sealed class StartTransferStep(
    IEdcClient edcClient, KeyedTransferStart start, IDataStore dataStore, ContractNegotiator negotiator, ILogger<StartTransferStep> logger) : IPipelineStep
{
    public string Name => "start the transfer";

    public string Stage => PipelineStage.StartTransfer;

    /// <summary>An item that reuses another's transfer (REUSE_EDRS) must not touch it: its files may be another item's download.</summary>
    public bool AppliesTo(OrchestrationItem item) => item?.EdrReused == false;

    public async Task<OrchestrationItem> RunAsync(PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(item);
        if (item.TransferId is { } justStarted && justStarted == run.StartedTransferId)
        {
            // Started by this run a moment ago (EdrReuseStep): items sharing it may already be on their way.
            return item;
        }

        if (item.TransferId is { } earlier)
        {
            // Files of the earlier attempt were never recorded, so they go.
            await dataStore.RemoveUnrecordedAsync(earlier, cancellationToken);
            if (await IsUsableAsync(run, earlier, cancellationToken))
            {
                return item;
            }
        }
        else if (item.TransferAttemptKey is { } pending)
        {
            // The request under this key may have reached the connector before the service stopped.
            // Files of an interrupted download under it were never recorded, so they go: EDC up to 0.16 answers a
            // request under the same key with the same transfer, also when the lookup missed it.
            var found = await start.FindAsync(run, item, pending, cancellationToken);
            if (found is null)
            {
                var started = await start.StartAsync(run, item, pending, cancellationToken);
                await dataStore.RemoveUnrecordedAsync(started.TransferId!, cancellationToken);
                return started;
            }

            await dataStore.RemoveUnrecordedAsync(found, cancellationToken);
            if (await IsUsableAsync(run, found, cancellationToken))
            {
                return await start.AdoptAsync(run, item, found, cancellationToken);
            }
        }

        try
        {
            return await start.StartNewAsync(run, item, cancellationToken);
        }
        catch (EdcRequestRejectedException rejected) when (item is { AgreementReused: true, Offer: not null })
        {
            PipelineLog.ReusedAgreementRefused(logger, item.ContractId!, rejected.StatusCode);
            var renegotiated = await negotiator.RunAsync(
                run, item with { ContractId = null, AgreementReused = false, TransferAttemptKey = null }, cancellationToken);
            return await start.StartNewAsync(run, renegotiated, cancellationToken);
        }
    }

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
}
