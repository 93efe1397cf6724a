using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>Waits until a transfer process is STARTED; one that ends or never starts fails the item (with EDC's errorDetail).</summary>
public sealed class TransferStartWait(IEdcClient edcClient, EdcStateWaiter waiter, IOptions<TransferOptions> options)
{
    /// <summary>EDC's errorDetail when the consumer connector has no data plane for the transfer (DPS).</summary>
    public const string NoDataPlaneDetail = "No dataplane found";

    public Task WaitAsync(PipelineRun run, string transferId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return waiter.WaitAsync(
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

    public static bool IsNoDataPlane(ItemFailedException failed) =>
        failed?.Error.Code == ItemErrorCodes.TransferTerminated && failed.Error.Message.Contains(NoDataPlaneDetail, StringComparison.OrdinalIgnoreCase);
}
