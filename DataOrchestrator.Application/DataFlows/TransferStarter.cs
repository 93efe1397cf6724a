using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.DataFlows;

/// <summary>
/// Starts an item's transfer process in its connector's flow. EDR: the PULL TransferRequest of the connector's API
/// version. DPS: the service registers as data plane first (once per connector), asks for a transfer of
/// DATAPLANE_TRANSFER_TYPE with DATAPLANE_LABELS and no destination (v4), and claims the transfer's data flow.
/// </summary>
public sealed class TransferStarter(
    IEdcClient edcClient, DataPlaneRegistrar registrar, DataFlowSignals flows, IOptions<DataPlaneOptions> options, ILogger<TransferStarter> logger)
{
    /// <summary>
    /// Asks the connector for a transfer under <paramref name="attemptKey"/> and returns the new process id (also kept
    /// in <see cref="PipelineRun.StartedTransferId"/>).
    /// </summary>
    public async Task<string> StartAsync(PipelineRun run, OrchestrationItem item, string attemptKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(item);
        var request = new TransferStartRequest(item.CounterPartyAddress, item.ContractId!, item.ConnectorId, run.ProtocolOf(item), attemptKey);
        if (run.Connector.IsDps)
        {
            run.DataPlaneRegistration = await registrar.EnsureAsync(run.Connection, cancellationToken);
            request = request with { DataPlane = new DataPlaneSelection(options.Value.TransferType, options.Value.LabelList) };
        }

        var transferId = await edcClient.StartTransferAsync(run.Connection, request, cancellationToken);
        PipelineLog.TransferRequested(logger, transferId, request.ContractId);
        await TakeOverAsync(run, transferId, cancellationToken);
        return transferId;
    }

    /// <summary>A transfer an earlier request of this item started (found by its attempt key) becomes this run's.</summary>
    public async Task AdoptAsync(PipelineRun run, string transferId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Connector.IsDps)
        {
            run.DataPlaneRegistration = await registrar.EnsureAsync(run.Connection, cancellationToken);
        }

        await TakeOverAsync(run, transferId, cancellationToken);
    }

    private async Task TakeOverAsync(PipelineRun run, string transferId, CancellationToken cancellationToken)
    {
        run.StartedTransferId = transferId;
        if (run.Connector.IsDps)
        {
            await flows.ClaimAsync(transferId, cancellationToken);
        }
    }
}
