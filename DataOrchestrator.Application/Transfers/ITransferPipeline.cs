using DataOrchestrator.Application.Workers;

namespace DataOrchestrator.Application.Transfers;

/// <summary>Runs one item through transfer, EDR and download, recording every step.</summary>
public interface ITransferPipeline
{
    /// <summary>
    /// Takes the item to SAVED or FAILED, or records it WAITING_FOR_CONNECTOR and answers when to run it again. Only
    /// throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled, after
    /// recording the item as failed (in memory) or leaving it to be resumed (a durable store).
    /// </summary>
    Task<ItemRunResult> RunAsync(ItemWork work, CancellationToken cancellationToken);
}
