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

    /// <summary>Agreement behaviours preloaded at start, keyed by contract agreement id.</summary>
    public IDictionary<string, AgreementBehaviour> Agreements { get; } =
        new Dictionary<string, AgreementBehaviour>(StringComparer.Ordinal);

    /// <summary>
    /// EDR <c>endpoint</c> to hand out instead of <c>{request host}/api/public</c>, e.g. an in-cluster
    /// host name to exercise a client's endpoint rewrite.
    /// </summary>
    public string? PublicEndpoint { get; set; }

    /// <summary>How many recorded calls are kept; older ones are dropped first.</summary>
    public int CallLogCapacity { get; set; } = 100_000;

    /// <summary>How many transfer processes are kept; older ones are forgotten first.</summary>
    public int TransferCapacity { get; set; } = 1_000_000;

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
