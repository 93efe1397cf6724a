namespace DataOrchestrator.Application.Retention;

/// <summary>
/// Lets one sweep run at a time across all instances that share a store (a PostgreSQL advisory lock); a process-local
/// lock for the in-memory store.
/// </summary>
public interface IRetentionLock
{
    /// <summary>
    /// The lock, held until the answer is disposed; null at once when another sweep holds it (never waits for it).
    /// </summary>
    Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken);
}
