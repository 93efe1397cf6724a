using System.Net;
using System.Net.Sockets;

namespace DataOrchestrator.Testing.Processes;

/// <summary>Free TCP ports on 127.0.0.1.</summary>
public static class LoopbackPort
{
    /// <summary>
    /// A port free at the time of asking. Another process may take it before ours binds it, so callers that start a
    /// server on it try again with another when the bind fails.
    /// </summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
