namespace DataOrchestrator.Infrastructure.Workers;

/// <summary>
/// Wakes a polling loop early. Signals coalesce: any number of <see cref="Set"/> calls before a wait release it once,
/// and a signal given while nobody waits is kept for the next wait. Setting it after disposal does nothing, so
/// late wake-ups during shutdown need no guarding.
/// </summary>
internal sealed class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Set()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
        catch (ObjectDisposedException)
        {
            // Shut down.
        }
    }

    /// <summary>True when woken, false when <paramref name="timeout"/> passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _semaphore.Dispose();
}
