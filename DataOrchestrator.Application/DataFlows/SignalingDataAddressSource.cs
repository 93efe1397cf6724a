using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Domain.DataFlows;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.DataFlows;

/// <summary>
/// DPS: the data address the control plane sent with <c>/started</c>, once it is stored, whenever and wherever it
/// arrived (before this wait, at another instance, before a restart). Waits up to TRANSFER_START_TIMEOUT for it; a
/// suspended flow is waited for until it resumes (within ITEM_DEADLINE); a terminated one fails the item.
/// </summary>
public sealed class SignalingDataAddressSource(
    IDataFlowStore store, IOptions<TransferOptions> transfer, IOptions<DataPlaneOptions> dataPlane, TimeProvider timeProvider) : IDataAddressSource
{
    public async Task<EndpointDataReference> ObtainAsync(PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var transferId = item.TransferId!;
        var timeout = transfer.Value.StartTimeout;
        DataFlow flow;
        using (var started = new CancellationTokenSource(timeout, timeProvider))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, started.Token))
        {
            try
            {
                flow = await store.WaitAsync(transferId, f => f.Claimed && f.State is DataFlowState.Started or DataFlowState.Suspended || f.IsFinished, linked.Token);
            }
            catch (OperationCanceledException) when (started.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ItemFailedException(ItemError.Of(
                    ItemErrorCodes.TransferStartTimeout,
                    $"The control plane did not send the started notification of transfer process {transferId} within {timeout.TotalSeconds:0.###} s."));
            }
        }

        if (flow.State == DataFlowState.Suspended)
        {
            flow = await store.WaitAsync(transferId, f => f.State == DataFlowState.Started || f.IsFinished, cancellationToken);
        }

        return flow.State == DataFlowState.Started
            ? DataAddressReader.Read(flow.DataAddress, dataPlane.Value.AllowHttpEndpoints)
            : throw Ended(flow);
    }

    /// <summary>The flow ended before or while its data was fetched.</summary>
    public static ItemFailedException Ended(DataFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var reason = string.IsNullOrWhiteSpace(flow.Reason) ? "." : $": {(flow.Reason.Length > 500 ? flow.Reason[..500] : flow.Reason)}";
        return new ItemFailedException(ItemError.Of(
            ItemErrorCodes.ProviderTerminated, $"The data flow of transfer process {flow.ProcessId} was ended by the control plane ({StatusNames.WireName(flow.State)}){reason}"));
    }
}
