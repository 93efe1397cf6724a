namespace DataOrchestrator.Application.Transfers.DataPlane;

/// <summary>A read-only pass-through that counts the bytes read, readable from another thread while the copy runs.</summary>
public sealed class CountingStream(Stream inner) : ReadOnlyWrapperStream(inner, ownsInner: true)
{
    private long _bytesRead;

    public long BytesRead => Volatile.Read(ref _bytesRead);

    public override long Length => Inner.Length;

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Counted(Inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Counted(Inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await Inner.ReadAsync(buffer, cancellationToken));

    private int Counted(int read)
    {
        // One writer (the copy loop); readers only need a recent value.
        Volatile.Write(ref _bytesRead, _bytesRead + read);
        return read;
    }
}
