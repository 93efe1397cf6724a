namespace DataOrchestrator.EdcSimulator.Faults;

/// <summary>
/// The ways an injected fault breaks one management or data plane call: the failures an EDC connector, its data
/// plane or a proxy in front of them really produce. <see cref="FaultSetting.Kinds"/> picks which are drawn.
/// </summary>
public enum FaultKind
{
    /// <summary>500 with an EDC-style error body, before the call is acted on.</summary>
    InternalServerError,

    /// <summary>502, as a proxy or gateway in front of the connector answers, before the call is acted on.</summary>
    BadGateway,

    /// <summary>503, before the call is acted on.</summary>
    ServiceUnavailable,

    /// <summary>The connection is reset (TCP RST) before any response byte.</summary>
    ConnectionReset,

    /// <summary>
    /// The real status and headers with the full Content-Length, part of the body, then a TCP RST: the client reads
    /// some bytes and then "connection reset by peer".
    /// </summary>
    MidBodyReset,

    /// <summary>
    /// The real status and headers with the full Content-Length, part of the body, then an orderly close (FIN): the
    /// client sees the body end before Content-Length bytes.
    /// </summary>
    ShortBody,

    /// <summary>No answer for the fault delay (longer than the client's per-attempt timeout), then an abort.</summary>
    Timeout,

    /// <summary>The real answer, but its body trickles out in small chunks.</summary>
    SlowBody,
}
