namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>
/// One Data Plane Signaling message the simulator sent to a data plane or received from one, with its answer. Bodies
/// are kept verbatim (they carry the DataAddress token, which tests compare with <c>TransferSnapshot.EdrToken</c>);
/// nothing here is logged.
/// </summary>
/// <param name="Sequence">Monotonic number; orders messages that share a timestamp.</param>
/// <param name="At">When the message was sent or arrived.</param>
/// <param name="Direction"><see cref="DpsMessageKinds.Sent"/> (simulator → data plane) or <see cref="DpsMessageKinds.Received"/>.</param>
/// <param name="Kind">What it is: prepare, started, terminate, suspend, resume (sent); prepared, started, completed,
/// errored, register, unregister (received). See <see cref="DpsMessageKinds"/>.</param>
/// <param name="TransferId">The transfer process (= DPS process / data flow) id, or null for registrations.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Url">Full URL (sent) or path (received).</param>
/// <param name="Body">Request body as sent or received; null when there was none.</param>
/// <param name="Status">HTTP status of the answer; null when the call failed without one.</param>
/// <param name="ResponseBody">Answer body; null when there was none.</param>
/// <param name="Error">Why a sent message got no answer (connection refused, timeout), else null.</param>
public sealed record DpsMessage(
    long Sequence,
    DateTimeOffset At,
    string Direction,
    string Kind,
    string? TransferId,
    string Method,
    string Url,
    string? Body,
    int? Status,
    string? ResponseBody,
    string? Error);
