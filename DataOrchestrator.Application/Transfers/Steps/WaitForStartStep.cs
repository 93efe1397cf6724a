using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers.Steps;

/// <summary>Waits until the item's transfer process is STARTED; a transfer that ends or never starts fails the item.</summary>
public sealed class WaitForStartStep(
    IEdcClient edcClient, EdcStateWaiter waiter, ItemRecorder recorder, IOptions<TransferOptions> options, ILogger<WaitForStartStep> logger) : IPipelineStep
{
    public string Name => "wait for the transfer to start";

    public string Stage => PipelineStage.WaitStarted;

    public bool AppliesTo(OrchestrationItem item) => true;

    public async Task<OrchestrationItem> RunAsync(PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(item);
        var transferId = item.TransferId!;
        await waiter.WaitAsync(
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

        PipelineLog.TransferStarted(logger, transferId);
        return await recorder.SaveAsync(run.OrchestrationId, item with { Status = ItemStatus.TransferStarted }, cancellationToken);
    }
}
