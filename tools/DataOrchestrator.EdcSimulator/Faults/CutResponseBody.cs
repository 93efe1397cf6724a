using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace DataOrchestrator.EdcSimulator.Faults;

/// <summary>
/// Response body of a call that a <see cref="FaultKind.MidBodyReset"/> or <see cref="FaultKind.ShortBody"/> fault
/// cuts. The status and headers go out as the app set them, with the full Content-Length, then part of the body,
/// then the connection breaks (RST or FIN). A body whose length the app declares up front (data plane downloads)
/// streams through; one without (management JSON answers) is held until the app ends, so its length can be declared.
/// A body without a declared length that grows past <see cref="CaptureLimit"/> goes out chunked and loses its last
/// chunk and terminator instead. A body-less answer has nothing to cut: its connection breaks before the headers.
/// </summary>
internal sealed class CutResponseBody : WriteOnlyStream, IHttpResponseBodyFeature
{
    private const int CaptureLimit = 1024 * 1024;

    private readonly HttpContext _context;
    private readonly RawConnection _connection;
    private readonly InjectedFault _fault;
    private readonly TimeProvider _time;
    private readonly PipeWriter _writer;
    private MemoryStream? _capture;
    private bool _streaming;
    private bool _chunked;
    private bool _broken;
    private long _cut;
    private long _sent;

    public CutResponseBody(HttpContext context, RawConnection connection, InjectedFault fault, TimeProvider time)
    {
        _context = context;
        _connection = connection;
        _fault = fault;
        _time = time;
        _writer = PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public Stream Stream => this;

    public PipeWriter Writer => _writer;

    public void DisableBuffering()
    {
    }

    // The headers go out with the first body byte (or at the end), never on their own: the length is not known yet.
    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(this, path, offset, count, cancellationToken);

    /// <summary>The app is done: a held body goes out now, and whatever the cut has not broken yet breaks.</summary>
    public async Task CompleteAsync()
    {
        if (!_broken)
        {
            await _writer.FlushAsync();
        }

        if (!_broken && !_streaming)
        {
            var captured = _capture?.ToArray() ?? [];
            var length = _context.Response.ContentLength ?? captured.Length;
            if (length > 0)
            {
                await SendHeadAsync(length);
                await ForwardAsync(captured);
            }
        }

        await BreakIfOpenAsync();
    }

    /// <summary>Breaks the connection unless the cut already did.</summary>
    public async Task BreakIfOpenAsync()
    {
        if (!_broken)
        {
            await BreakAsync();
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Past the cut the app's writes fail as they would for a client that went away (the break aborted the
        // call), so a long download stops there instead of generating the rest into the void.
        if (_broken)
        {
            throw new OperationCanceledException("An injected fault broke the connection.", _context.RequestAborted);
        }

        if (!_streaming && _capture is null && _context.Response.ContentLength is { } declared)
        {
            await SendHeadAsync(declared);
        }

        if (_streaming)
        {
            await ForwardAsync(buffer);
            return;
        }

        _capture ??= new MemoryStream();
        _capture.Write(buffer.Span);
        if (_capture.Length > CaptureLimit)
        {
            var captured = _capture.ToArray();
            _capture = null;
            await SendHeadAsync(null, captured.Length);
            await ForwardAsync(captured);
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    // Sends the head: framed by the declared length, or chunked (cut within what is at hand) when there is none.
    private async Task SendHeadAsync(long? declaredLength, long availableLength = 0)
    {
        _streaming = true;
        _chunked = declaredLength is null;
        _cut = _fault.CutPoint(declaredLength ?? availableLength);
        await _connection.SendAsync(ResponseHead.Serialize(_context.Response, declaredLength, _time.GetUtcNow()));
    }

    private async Task ForwardAsync(ReadOnlyMemory<byte> bytes)
    {
        var take = (int)Math.Min(bytes.Length, _cut - _sent);
        if (take > 0)
        {
            var piece = bytes[..take];
            if (_chunked)
            {
                await _connection.SendAsync(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{take:x}\r\n")));
                await _connection.SendAsync(piece);
                await _connection.SendAsync("\r\n"u8.ToArray());
            }
            else
            {
                await _connection.SendAsync(piece);
            }

            _sent += take;
        }

        if (_sent >= _cut || !_connection.IsOpen)
        {
            await BreakAsync();
        }
    }

    private async Task BreakAsync()
    {
        _broken = true;
        if (_fault.Kind == FaultKind.MidBodyReset)
        {
            _connection.Reset();
        }
        else
        {
            await _connection.CloseAsync();
        }
    }
}
