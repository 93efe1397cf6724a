using DataOrchestrator.EdcSimulator.Faults;
using DataOrchestrator.EdcSimulator.Scenarios;

namespace DataOrchestrator.EdcSimulator.Hosting;

/// <summary>How an EDC simulator instance is started; every setting has a test-friendly default.</summary>
public sealed class SimulatorOptions
{
    /// <summary>The management API key the simulated connector expects (the MVD demo key).</summary>
    public const string DefaultApiKey = "password";

    /// <summary>Listening address. Only 127.0.0.1 (or localhost) over http is accepted; port 0 picks a free port.</summary>
    public Uri Url { get; set; } = new("http://127.0.0.1:0");

    /// <summary>Value the <c>X-Api-Key</c> header must carry on management calls.</summary>
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>Delay applied to every management call whose agreement sets no <c>latencyMs</c>.</summary>
    public TimeSpan DefaultLatency { get; set; }

    /// <summary>
    /// Fraction (0 to 1) of management and data plane calls that fail at random, each with one of
    /// <see cref="FaultKinds"/>. 0, the default, injects nothing.
    /// </summary>
    public double FaultRate { get; set; }

    /// <summary>Seed of the fault sequence, so a run with faults is reproducible.</summary>
    public int FaultSeed { get; set; } = 1;

    /// <summary>How long a "timeout" fault stays silent before aborting; longer than a client's per-attempt timeout.</summary>
    public TimeSpan FaultDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The kinds a failing call gets one of, uniformly; default all of them.</summary>
    public IReadOnlyCollection<FaultKind> FaultKinds { get; set; } = Enum.GetValues<FaultKind>();

    /// <summary>
    /// Whether the data plane serves ranges: <c>Accept-Ranges: bytes</c> on downloads and a 206 for one
    /// <c>Range: bytes=…</c>. Off, downloads advertise nothing and a Range header is ignored (200, whole payload).
    /// </summary>
    public bool DataPlaneRanges { get; set; } = true;

    /// <summary>Agreement behaviours preloaded at start, keyed by contract agreement id.</summary>
    public IDictionary<string, AgreementBehaviour> Agreements { get; } =
        new Dictionary<string, AgreementBehaviour>(StringComparer.Ordinal);

    /// <summary>Offer behaviours preloaded at start, keyed by offer id (the policy <c>@id</c> of a ContractRequest).</summary>
    public IDictionary<string, OfferBehaviour> Offers { get; } =
        new Dictionary<string, OfferBehaviour>(StringComparer.Ordinal);

    /// <summary>The provider's catalog preloaded at start: datasets keyed by asset id (the dataset request's <c>@id</c>).</summary>
    public IDictionary<string, DatasetBehaviour> Datasets { get; } =
        new Dictionary<string, DatasetBehaviour>(StringComparer.Ordinal);

    /// <summary>
    /// Management API versions served (<see cref="ManagementApiVersion"/>); default both. A disabled version's
    /// transfer and negotiation routes answer 404 like unknown routes; <c>/v3/edrs</c> is always served.
    /// </summary>
    public IReadOnlySet<string> ManagementApiVersions { get; set; } = ManagementApiVersion.All;

    /// <summary>
    /// Data Plane Signaling shape of v4 transfers (<see cref="DpsShapes"/>): off (the EDR-cache flow, the default),
    /// EDC 0.18.0 or EDC main (which also hides every /v3 path).
    /// </summary>
    public string DpsShape { get; set; } = DpsShapes.Off;

    /// <summary>
    /// Who chooses transfer process ids (<see cref="TransferIdModes"/>): <c>server</c> (EDC 0.17+, the default; a
    /// repeated TransferRequest is a second transfer) or <c>client</c> (EDC 0.16 and earlier; the request's <c>@id</c>).
    /// </summary>
    public string TransferIds { get; set; } = TransferIdModes.Server;

    /// <summary>How the data plane expects the EDR token (<see cref="DataPlaneTokenSchemes"/>); default raw.</summary>
    public string DataPlaneTokenScheme { get; set; } = DataPlaneTokenSchemes.Raw;

    /// <summary>
    /// EDR <c>endpoint</c> to hand out instead of <c>{request host}/api/public</c>, e.g. an in-cluster
    /// host name to exercise a client's endpoint rewrite.
    /// </summary>
    public string? PublicEndpoint { get; set; }

    /// <summary>How many recorded calls are kept; older ones are dropped first.</summary>
    public int CallLogCapacity { get; set; } = 100_000;

    /// <summary>How many transfer processes are kept; older ones are forgotten first.</summary>
    public int TransferCapacity { get; set; } = 1_000_000;

    /// <summary>How many contract negotiations are kept; older ones are forgotten first.</summary>
    public int NegotiationCapacity { get; set; } = 100_000;

    /// <summary>Console log level; Warning keeps the simulator quiet under benchmark load.</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>
    /// Whether Ctrl+C / SIGTERM stop the simulator. Off by default so an in-process instance does not
    /// swallow the signals meant for the test runner.
    /// </summary>
    public bool HandleConsoleSignals { get; set; }

    /// <summary>Clock for transfer timelines and latency; replace it to control time in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
