using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers.Steps;

/// <summary>
/// Starts transfers so that one attempt never makes two. Each start carries an attempt key (in the request's
/// privateProperties) that is stored before the request is sent. When the answer is lost (a timeout, a 5xx, a broken
/// connection) or the service stopped before it recorded the transfer id, the transfer is looked up by that key before
/// anything is asked again: EDC 0.17 and later start a new process for every request, whatever its <c>@id</c>.
/// </summary>
public sealed class KeyedTransferStart(
    IEdcClient edcClient, TransferStarter starter, ItemRecorder recorder, IOptions<TransferOptions> options, ILogger<KeyedTransferStart> logger)
{
    /// <summary>
    /// A transfer under a new key; the key is durable before the request leaves. The item's status stays as it is
    /// until the connector has taken the request (TRANSFER_REQUESTED names a transfer the connector has).
    /// </summary>
    public async Task<OrchestrationItem> StartNewAsync(PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(item);
        var key = Guid.NewGuid().ToString();
        var requesting = await recorder.SaveAsync(run.OrchestrationId, item with { TransferAttemptKey = key, TransferId = null }, cancellationToken);
        return await StartAsync(run, requesting, key, cancellationToken);
    }

    /// <summary>
    /// Asks for the transfer under <paramref name="key"/>; when the answer is lost, looks for it by the key and asks
    /// again only when no transfer carries it, up to one more time than a read is retried.
    /// </summary>
    public async Task<OrchestrationItem> StartAsync(PipelineRun run, OrchestrationItem item, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(item);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RecordAsync(run, item, await starter.StartAsync(run, item, key, cancellationToken), cancellationToken);
            }
            catch (EdcUnavailableException unavailable) when (!cancellationToken.IsCancellationRequested)
            {
                if (await FindAsync(run, item, key, cancellationToken) is { } found)
                {
                    return await AdoptAsync(run, item, found, cancellationToken);
                }

                if (attempt > options.Value.TransientRetries)
                {
                    throw;
                }

                PipelineLog.StartRepeated(logger, unavailable.Message);
            }
        }
    }

    /// <summary>The transfer an earlier request under the item's key started becomes this run's.</summary>
    public async Task<OrchestrationItem> AdoptAsync(PipelineRun run, OrchestrationItem item, string transferId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        await starter.AdoptAsync(run, transferId, cancellationToken);
        return await RecordAsync(run, item, transferId, cancellationToken);
    }

    /// <summary>The transfer carrying <paramref name="key"/>; a connector that refuses the query is taken to have none.</summary>
    public async Task<string?> FindAsync(PipelineRun run, OrchestrationItem item, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            var found = await edcClient.FindTransferAsync(run.Connection, item.ContractId!, key, cancellationToken);
            if (found is not null)
            {
                PipelineLog.TransferFound(logger, found, item.ContractId!);
            }

            return found;
        }
        catch (EdcRequestRejectedException rejected)
        {
            PipelineLog.LookupRefused(logger, rejected.StatusCode);
            return null;
        }
    }

    /// <summary>The transfer id after the durable attempt key: mere progress, which a store may write a little later.</summary>
    private Task<OrchestrationItem> RecordAsync(PipelineRun run, OrchestrationItem item, string transferId, CancellationToken cancellationToken) =>
        recorder.SaveAsync(run.OrchestrationId, item with { TransferId = transferId, Status = ItemStatus.TransferRequested }, cancellationToken);
}
