namespace DataOrchestrator.Application.Workers;

/// <summary>The bounded queue of item work that the worker pool consumes (in memory, or the database's item table).</summary>
public interface IOrchestrationQueue
{
    /// <summary>Items waiting for a worker.</summary>
    int Count { get; }

    /// <summary>
    /// Reserves room for <paramref name="count"/> items at once, so an orchestration is either queued whole or refused.
    /// Returns null when the queue is full or no longer accepts work (shutdown).
    /// </summary>
    ValueTask<IQueueReservation?> TryReserveAsync(int count, CancellationToken cancellationToken);
}
