namespace DataOrchestrator.EdcSimulator.Scenarios;

/// <summary>
/// How the simulated connector treats transfers of one contract agreement. Every member is optional;
/// the default is an immediate STARTED transfer serving <see cref="DataPlane.SimulatedPayload.DefaultJson"/>.
/// Serialized in camelCase (scenario files, <c>PUT /_sim/agreements/{contractId}</c>).
/// </summary>
public sealed record AgreementBehaviour
{
    /// <summary>The behaviour of agreements nobody configured.</summary>
    public static AgreementBehaviour Default { get; } = new();

    /// <summary>Delay for each management call about this agreement; null falls back to the global default.</summary>
    public int? LatencyMs { get; init; }

    /// <summary>Time from creation until the process reaches STARTED (or <see cref="FinalState"/>).</summary>
    public int StartDelayMs { get; init; }

    /// <summary>In-process tests only: the process stays REQUESTED while this gate is closed (not serialized).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public StartGate? StartGate { get; init; }

    /// <summary>State to end in instead of STARTED, e.g. TERMINATED or SUSPENDED.</summary>
    public string? FinalState { get; init; }

    /// <summary>errorDetail reported once the process is in <see cref="FinalState"/>.</summary>
    public string? ErrorDetail { get; init; }

    /// <summary>How many dataaddress calls after STARTED answer 404 (the EDR is cached asynchronously).</summary>
    public int EdrMissingCalls { get; init; }

    /// <summary>When set, transfer requests for this agreement are refused with this EDC error.</summary>
    public TransferRejection? RejectTransfer { get; init; }

    /// <summary>How many transfer requests for this agreement answer 503 before the API recovers.</summary>
    public int ManagementFailures { get; init; }

    /// <summary>How many data plane GETs for this agreement's transfers answer 500 before succeeding.</summary>
    public int DataPlaneFailures { get; init; }

    /// <summary>
    /// How many data plane GETs for this agreement's transfers break off halfway through the body (after the headers
    /// announced its full length), as <see cref="DataPlaneCutKind"/> says, before they are answered whole.
    /// </summary>
    public int DataPlaneCuts { get; init; }

    /// <summary>How those GETs break off: <c>MidBodyReset</c> (a TCP reset, the default) or <c>ShortBody</c> (an orderly close).</summary>
    public string? DataPlaneCutKind { get; init; }

    /// <summary>When set, every data plane GET answers this status instead of the payload.</summary>
    public int? DataPlaneStatus { get; init; }

    /// <summary>Size of a generated binary payload (see <see cref="DataPlane.SimulatedPayload.Fill"/>).</summary>
    public long? PayloadBytes { get; init; }

    /// <summary>Inline payload returned as UTF-8, used when <see cref="PayloadBytes"/> is not set.</summary>
    public string? Payload { get; init; }

    /// <summary>Content-Type of the payload; defaults depend on the payload kind.</summary>
    public string? ContentType { get; init; }

    /// <summary>Send the payload without any Content-Type header.</summary>
    public bool OmitContentType { get; init; }

    /// <summary>Send the payload without a Content-Length header (chunked), so the client cannot know its size up front.</summary>
    public bool OmitContentLength { get; init; }

    /// <summary>A Content-Disposition header to send with the payload, e.g. one naming a file outside any directory.</summary>
    public string? ContentDisposition { get; init; }

    /// <summary>Put in front of each transfer process id (ids stay unique), e.g. to hand out ids with path separators.</summary>
    public string? TransferIdPrefix { get; init; }

    /// <summary>Send this many bytes, then keep the connection open without sending until the client aborts.</summary>
    public long? StallAfterBytes { get; init; }

    /// <summary>
    /// How many data plane GETs stall at <see cref="StallAfterBytes"/> before the rest are answered whole (a provider
    /// that recovers, e.g. for a client that is restarted mid-download); 0, the default, stalls every one.
    /// </summary>
    public int StalledDownloads { get; init; }

    /// <summary>
    /// How many of the tokens issued for a transfer are already expired when handed out: first the EDR's, then each
    /// refreshed one in order. The data plane answers 401 "Token expired" to them.
    /// </summary>
    public int ExpiredTokens { get; init; }

    /// <summary>assetId reported on the transfer process; defaults to "asset-{contractId}".</summary>
    public string? AssetId { get; init; }

    /// <summary>How a Data Plane Signaling transfer goes (DataAddress form, scripted provider actions); null = defaults.</summary>
    public DpsBehaviour? Dps { get; init; }

    /// <summary>The fault kind of <see cref="DataPlaneCutKind"/>; null when it names neither cut.</summary>
    internal Faults.FaultKind? CutKind => DataPlaneCutKind switch
    {
        null => Faults.FaultKind.MidBodyReset,
        _ when Enum.TryParse<Faults.FaultKind>(DataPlaneCutKind, ignoreCase: true, out var kind) && kind is Faults.FaultKind.MidBodyReset or Faults.FaultKind.ShortBody => kind,
        _ => null,
    };

    /// <summary>Returns what is wrong with this behaviour; empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        AddIfNegative(problems, nameof(LatencyMs), LatencyMs);
        AddIfNegative(problems, nameof(StartDelayMs), StartDelayMs);
        AddIfNegative(problems, nameof(EdrMissingCalls), EdrMissingCalls);
        AddIfNegative(problems, nameof(ManagementFailures), ManagementFailures);
        AddIfNegative(problems, nameof(DataPlaneFailures), DataPlaneFailures);
        AddIfNegative(problems, nameof(DataPlaneCuts), DataPlaneCuts);
        if (DataPlaneCutKind is not null && CutKind is null)
        {
            problems.Add("dataPlaneCutKind must be MidBodyReset or ShortBody");
        }
        AddIfNegative(problems, nameof(ExpiredTokens), ExpiredTokens);
        AddIfNegative(problems, nameof(PayloadBytes), PayloadBytes);
        AddIfNegative(problems, nameof(StallAfterBytes), StallAfterBytes);
        AddIfNegative(problems, nameof(StalledDownloads), StalledDownloads);
        if (StalledDownloads > 0 && StallAfterBytes is null)
        {
            problems.Add("stalledDownloads needs stallAfterBytes");
        }
        if (FinalState is not null && string.IsNullOrWhiteSpace(FinalState))
        {
            problems.Add("finalState must not be blank");
        }

        if (DataPlaneStatus is < 100 or > 599)
        {
            problems.Add("dataPlaneStatus must be an HTTP status code (100-599)");
        }

        if (RejectTransfer is { Status: < 400 or > 599 })
        {
            problems.Add("rejectTransfer.status must be an HTTP error status (400-599)");
        }

        problems.AddRange(Dps?.Validate() ?? []);
        return problems;
    }

    private static void AddIfNegative(List<string> problems, string name, long? value)
    {
        if (value < 0)
        {
            problems.Add($"{char.ToLowerInvariant(name[0])}{name[1..]} must not be negative");
        }
    }
}
