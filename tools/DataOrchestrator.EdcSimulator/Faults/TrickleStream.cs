namespace DataOrchestrator.EdcSimulator.Faults;

/// <summary>
/// Response body that passes writes on in small chunks with a pause between them: a slow body that still arrives
/// complete. Each write is cut into at most <see cref="ChunksPerWrite"/> pieces, so a large download stays finite.
/// </summary>
internal sealed class TrickleStream(Stream inner, TimeSpan pause, TimeProvider time) : WriteOnlyStream
{
    private const int ChunksPerWrite = 8;
    private const int MinimumChunk = 16;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var chunk = Math.Max(MinimumChunk, (buffer.Length + ChunksPerWrite - 1) / ChunksPerWrite);
        for (var offset = 0; offset < buffer.Length; offset += chunk)
        {
            var piece = buffer.Slice(offset, Math.Min(chunk, buffer.Length - offset));
            await inner.WriteAsync(piece, cancellationToken);
            await inner.FlushAsync(cancellationToken);
            await Task.Delay(pause, time, cancellationToken);
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();
}
