using DataOrchestrator.Application.Transfers.DataPlane;

namespace DataOrchestrator.Api.Middleware;

/// <summary>
/// A request body that fails with 413 once more than the limit has been read: the fallback for servers that do not
/// offer a settable body size limit (the test server), so a chunked oversize body is cut off there too. The body
/// stays the server's to dispose.
/// </summary>
internal sealed class LimitedRequestBodyStream(Stream inner, long limit) : ReadOnlyWrapperStream(inner, ownsInner: false)
{
    private long _read;

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(Inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await Inner.ReadAsync(buffer, cancellationToken));

    private int Count(int read)
    {
        _read += read;
        if (_read > limit)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        return read;
    }
}
