namespace DataOrchestrator.EdcSimulator.Faults;

/// <summary>The ways an injected fault breaks one management or data plane call.</summary>
public enum FaultKind
{
    /// <summary>503 or 500, chosen at random, before the call is acted on.</summary>
    ServerError,

    /// <summary>The connection is aborted (RST) before any response byte.</summary>
    ConnectionReset,

    /// <summary>No answer for the fault delay (longer than the client's per-attempt timeout), then an abort.</summary>
    Timeout,

    /// <summary>The real answer, but its body trickles out in small chunks.</summary>
    SlowBody,
}
