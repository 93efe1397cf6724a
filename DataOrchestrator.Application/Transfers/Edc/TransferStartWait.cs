using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Domain.DataFlows;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>
/// Waits until a transfer process is STARTED; one that ends or never starts fails the item (with EDC's errorDetail).
/// DPS: the control plane's <c>/started</c> stored for the transfer ends the wait too, so the item does not sit out a
/// state-poll interval when the notification came first; polling still decides how a transfer that ends fails
/// (e.g. "No dataplane found", which never reaches this data plane).
/// </summary>
public sealed class TransferStartWait(IEdcClient edcClient, EdcStateWaiter waiter, IDataFlowStore dataFlows, IOptions<TransferOptions> options)
{
    /// <summary>EDC's errorDetail when the consumer connector has no data plane for the transfer (DPS).</summary>
    public const string NoDataPlaneDetail = "No dataplane found";

    public async Task WaitAsync(PipelineRun run, string transferId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!run.Connector.IsDps)
        {
            await PollAsync(run, transferId, cancellationToken);
            return;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var polled = PollAsync(run, transferId, either.Token);
        var signalled = dataFlows.WaitAsync(
            transferId, f => f.Claimed && f.State is DataFlowState.Started or DataFlowState.Suspended, either.Token);
        var first = await Task.WhenAny(polled, signalled);
        await either.CancelAsync();
        var other = first == polled ? (Task)signalled : polled;
        try
        {
            await other; // observed, so that the one cancelled does not surface later
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
        }

        await first;
    }

    public static bool IsNoDataPlane(ItemFailedException failed) =>
        failed?.Error.Code == ItemErrorCodes.TransferTerminated && failed.Error.Message.Contains(NoDataPlaneDetail, StringComparison.OrdinalIgnoreCase);

    private Task PollAsync(PipelineRun run, string transferId, CancellationToken cancellationToken) =>
        waiter.WaitAsync(
            new EdcWait
            {
                Subject = $"Transfer process {transferId}",
                ProcessId = transferId,
                Goal = TransferStates.Started,
                IsFailure = TransferStates.IsFailure,
                Timeout = options.Value.StartTimeout,
                ReadState = ct => edcClient.GetTransferStateAsync(run.Connection, transferId, ct),
                ReadErrorDetail = ct => edcClient.GetTransferErrorDetailAsync(run.Connection, transferId, ct),
                TimeoutCode = ItemErrorCodes.TransferStartTimeout,
                FailedCode = ItemErrorCodes.TransferTerminated,
            },
            cancellationToken);
}
