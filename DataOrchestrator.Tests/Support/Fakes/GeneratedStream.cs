namespace DataOrchestrator.Tests.Support.Fakes;

/// <summary>A read-once stream of <c>length</c> bytes that counts what was read and can act as reading goes on.</summary>
internal sealed class GeneratedStream(long length, Action<long>? onRead = null) : Stream
{
    private long _sent;

    /// <summary>Bytes handed out so far.</summary>
    public long Sent => _sent;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _sent; set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        onRead?.Invoke(_sent);
        var count = (int)Math.Min(buffer.Length, length - _sent);
        buffer.Span[..count].Fill(42);
        _sent += count;
        return ValueTask.FromResult(count);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
