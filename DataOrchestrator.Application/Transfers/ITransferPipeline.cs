using DataOrchestrator.Application.Workers;

namespace DataOrchestrator.Application.Transfers;

/// <summary>Runs one item through transfer, EDR and download, recording every step.</summary>
public interface ITransferPipeline
{
    /// <summary>
    /// Takes the item to SAVED or FAILED. Only throws <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> is cancelled, after recording the item as failed.
    /// </summary>
    Task RunAsync(ItemWork work, CancellationToken cancellationToken);
}
