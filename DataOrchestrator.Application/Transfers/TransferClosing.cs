using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Transfers.Catalog;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers;

/// <summary>
/// What the connector is told when an item's run ends, per flow. EDR: a saved transfer is terminated when
/// TERMINATE_AFTER_DOWNLOAD says so and REUSE_EDRS does not keep it; a failed one is left. DPS: <see cref="DataFlowCompletion"/> reports completed or
/// errored. A cancel or a deadline terminates the transfer in either flow.
/// </summary>
public sealed class TransferClosing(TransferTerminator terminator, DataFlowCompletion dataFlows, IOptions<CatalogOptions> catalog)
{
    public Task SavedAsync(PipelineRun run, string transferId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Connector.IsDps)
        {
            return dataFlows.CompletedAsync(run, transferId, cancellationToken);
        }

        // REUSE_EDRS: the transfer's EDR is kept for the next item of its agreement.
        return run.Connector.TerminateAfterDownload && !catalog.Value.ReuseEdrs
            ? terminator.TerminateAsync(run.Connection, transferId, TransferTerminator.DownloadedReason, cancellationToken)
            : Task.CompletedTask;
    }

    public Task FailedAsync(PipelineRun run, OrchestrationItem item, ItemError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(error);
        return run.Connector.IsDps && item?.TransferId is { } transferId
            ? dataFlows.ErroredAsync(run, transferId, $"{error.Code}: {error.Message}", cancellationToken)
            : Task.CompletedTask;
    }

    public Task TerminateAsync(EdcConnection connection, string transferId, string reason, CancellationToken cancellationToken) =>
        terminator.TerminateAsync(connection, transferId, reason, cancellationToken);
}
