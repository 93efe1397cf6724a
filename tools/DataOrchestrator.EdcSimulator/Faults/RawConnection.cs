using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;

namespace DataOrchestrator.EdcSimulator.Faults;

/// <summary>
/// The TCP connection under an HTTP/1.x call, written to directly. Through Kestrel, "part of the body, then a
/// reset or a close" cannot be had reliably: it hands bytes to the socket some time after a flush, and its abort
/// is a reset (zero linger, unless its socket transport's FinOnError is set) that discards whatever the kernel has
/// not sent yet, headers included. Written here, every byte is in the kernel before the connection breaks.
/// </summary>
internal sealed class RawConnection
{
    // How long an orderly close waits for the client to hang up before Kestrel drops the connection.
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(30);

    private readonly HttpContext _context;
    private readonly Socket _socket;
    private readonly TimeProvider _time;

    private RawConnection(HttpContext context, Socket socket, TimeProvider time)
    {
        _context = context;
        _socket = socket;
        _time = time;
    }

    /// <summary>False once a send failed (the client went away): nothing more reaches it.</summary>
    public bool IsOpen { get; private set; } = true;

    /// <summary>The connection of an HTTP/1.x call, or null (HTTP/2 multiplexes calls over one connection).</summary>
    public static RawConnection? For(HttpContext context, TimeProvider time)
    {
        var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        var http1 = HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol);
        return socket is not null && http1 ? new RawConnection(context, socket, time) : null;
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            while (IsOpen && !bytes.IsEmpty)
            {
                var sent = await _socket.SendAsync(bytes, SocketFlags.None, _context.RequestAborted);
                bytes = bytes[sent..];
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            IsOpen = false;
        }
    }

    /// <summary>
    /// Resets the connection: Kestrel's abort closes with a zero linger (its socket transport's FinOnError is off),
    /// which sends an RST and drops what the kernel has not sent yet.
    /// </summary>
    public void Reset() => _context.Abort();

    /// <summary>
    /// Closes in order (FIN after every byte sent), then waits for the client to hang up before Kestrel drops the
    /// connection: Kestrel's own abort resets, and a reset before the client has read everything would discard the
    /// rest of what was sent.
    /// </summary>
    public async Task CloseAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
            await Task.Delay(CloseGrace, _time, _context.RequestAborted);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client hung up (or was already gone): it has seen the connection end.
        }

        _context.Abort();
    }
}
