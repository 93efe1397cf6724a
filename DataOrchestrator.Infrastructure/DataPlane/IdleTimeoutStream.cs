using DataOrchestrator.Application.Transfers.DataPlane;

namespace DataOrchestrator.Infrastructure.DataPlane;

/// <summary>
/// A read-only view of a response body that fails when no byte arrives for a while. HttpClient's own timeouts
/// end at the response headers, so without this a stalled data plane would hold a worker forever.
/// </summary>
internal sealed class IdleTimeoutStream(Stream inner, TimeSpan idleTimeout) : ReadOnlyWrapperStream(inner, ownsInner: true)
{
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(idleTimeout);
        try
        {
            return await Inner.ReadAsync(buffer, idle.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No data received for {idleTimeout.TotalSeconds:0.###} s.");
        }
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Downloads are read asynchronously.");
}
