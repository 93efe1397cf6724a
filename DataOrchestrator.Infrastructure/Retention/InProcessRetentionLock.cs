using DataOrchestrator.Application.Retention;

namespace DataOrchestrator.Infrastructure.Retention;

/// <summary>The in-memory store has one process, so a process-local flag keeps sweeps from overlapping.</summary>
internal sealed class InProcessRetentionLock : IRetentionLock
{
    private int _held;

    public Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(Interlocked.CompareExchange(ref _held, 1, 0) == 0 ? new Held(this) : null);

    private sealed class Held(InProcessRetentionLock owner) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Volatile.Write(ref owner._held, 0);
            }

            return ValueTask.CompletedTask;
        }
    }
}
