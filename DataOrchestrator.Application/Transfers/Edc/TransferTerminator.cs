using System.Diagnostics;
using DataOrchestrator.Application.Observability;
using Microsoft.Extensions.Logging;

namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>Terminates a transfer process on the consumer connector, best effort: a failure is logged, never thrown.</summary>
public sealed class TransferTerminator(IEdcClient edcClient, ILogger<TransferTerminator> logger)
{
    public const string DownloadedReason = "Data retrieved by DataOrchestrator";
    public const string DeadlineReason = "Item deadline exceeded in DataOrchestrator";
    public const string CancelReason = "Orchestration cancelled by a DataOrchestrator client";

    public async Task TerminateAsync(EdcConnection connection, string transferId, string reason, CancellationToken cancellationToken)
    {
        using var activity = OrchestratorTracing.Source.StartActivity(OrchestratorTracing.TerminateSpan);
        activity?.SetTag(OrchestratorTracing.TransferIdTag, transferId);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["TransferId"] = transferId });
        try
        {
            await edcClient.TerminateTransferAsync(connection, transferId, reason, cancellationToken);
        }
        catch (Exception exception) when (exception is EdcRequestRejectedException or EdcUnavailableException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            PipelineLog.TerminateFailed(logger, transferId, exception.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: whatever the item got to, the transfer stays as it is on the connector.
            PipelineLog.TerminateFailed(logger, transferId, "the service stopped");
        }
    }
}
