using System.Globalization;
using DataOrchestrator.EdcSimulator.Faults;
using DataOrchestrator.EdcSimulator.Scenarios;

namespace DataOrchestrator.EdcSimulator.Hosting;

/// <summary>Turns the standalone program's arguments into <see cref="SimulatorOptions"/>.</summary>
internal static class SimulatorCommandLine
{
    public const string Usage = """
        Usage: DataOrchestrator.EdcSimulator [options]
          --urls <url>              listen address (http://127.0.0.1 only), default http://127.0.0.1:18181
          --scenarios <path.json>   {"<contractId>": AgreementBehaviour, ...} to preload
          --offers <path.json>      {"<offerId>": OfferBehaviour, ...} to preload (contract negotiations)
          --datasets <path.json>    {"<assetId>": DatasetBehaviour, ...} to preload (the provider's catalog)
          --latency-ms <n>          default latency of each management call
          --fault-rate <0..1>       fraction of management and data plane calls that fail at random, default 0
          --fault-kinds <list>      comma-separated kinds a failing call gets one of (default all):
                                    InternalServerError (500), BadGateway (502), ServiceUnavailable (503),
                                    ConnectionReset (RST before any byte), MidBodyReset (headers, part of the
                                    body, RST), ShortBody (headers, part of the body, FIN), Timeout (silent for
                                    the fault delay, then abort), SlowBody (body trickles out)
          --fault-seed <n>          seed of the fault sequence, default 1
          --fault-delay-ms <n>      how long a timeout fault stays silent, default 30000
          --data-plane-ranges <on|off>
                                    serve Range requests (206, Accept-Ranges: bytes), default on
          --api-key <key>           management API key, default "password"
          --public-endpoint <url>   EDR endpoint to hand out instead of {host}/api/public
          --management-api-versions <list>
                                    comma-separated versions served: v3,v4 (default both);
                                    /v3/edrs is always served
          --data-plane-token-scheme <raw|bearer>
                                    raw token (EDC <=0.18, default) or "Bearer <token>"
          --dps <off|0.18|main>     Data Plane Signaling for v4 transfers: off (EDR cache, default),
                                    0.18 (EDC 0.18.0) or main (EDC main, no /v3 paths at all)
          --transfer-ids <server|client>
                                    who chooses transfer process ids: server (EDC 0.17+, default; the
                                    request's @id is ignored, a repeat starts a second transfer) or
                                    client (EDC <=0.16; the @id is the id, a repeat answers it again)
          --log-level <level>       Trace|Debug|Information|Warning|Error, default Warning
        """;

    public static bool IsHelp(IReadOnlyList<string> args) => args.Any(arg => arg is "--help" or "-h" or "-?");

    /// <summary>Parses "--name value" and "--name=value"; throws ArgumentException (or the loader's error) on bad input.</summary>
    public static SimulatorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SimulatorOptions { Url = new Uri("http://127.0.0.1:18181"), HandleConsoleSignals = true };
        for (var i = 0; i < args.Count; i++)
        {
            var (name, value) = Split(args, ref i);
            switch (name)
            {
                case "--urls":
                    // ASP.NET accepts a ';'-separated list; the simulator serves one loopback address.
                    options.Url = new Uri(value.Split(';', StringSplitOptions.RemoveEmptyEntries)[0]);
                    EdcSimulatorHost.ResolveLoopbackEndpoint(options.Url);
                    break;
                case "--scenarios":
                    foreach (var (contractId, behaviour) in ScenarioFile.Load(value))
                    {
                        options.Agreements[contractId] = behaviour;
                    }

                    break;
                case "--offers":
                    foreach (var (offerId, behaviour) in ScenarioFile.LoadOffers(value))
                    {
                        options.Offers[offerId] = behaviour;
                    }

                    break;
                case "--datasets":
                    foreach (var (assetId, behaviour) in ScenarioFile.LoadDatasets(value))
                    {
                        options.Datasets[assetId] = behaviour;
                    }

                    break;
                case "--management-api-versions":
                    options.ManagementApiVersions = ManagementApiVersion.Normalize(
                        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--data-plane-token-scheme":
                    options.DataPlaneTokenScheme = DataPlaneTokenSchemes.Normalize(value);
                    break;
                case "--dps":
                    options.DpsShape = DpsShapes.Normalize(value);
                    break;
                case "--transfer-ids":
                    options.TransferIds = TransferIdModes.Normalize(value);
                    break;
                case "--latency-ms":
                    options.DefaultLatency = TimeSpan.FromMilliseconds(ParseNonNegative(name, value));
                    break;
                case "--fault-rate":
                    options.FaultRate = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate is >= 0 and <= 1
                        ? rate
                        : throw new ArgumentException($"{name}: '{value}' is not a number between 0 and 1");
                    break;
                case "--fault-seed":
                    options.FaultSeed = ParseNonNegative(name, value);
                    break;
                case "--fault-delay-ms":
                    options.FaultDelay = TimeSpan.FromMilliseconds(ParseNonNegative(name, value));
                    break;
                case "--fault-kinds":
                    options.FaultKinds = ParseFaultKinds(name, value);
                    break;
                case "--data-plane-ranges":
                    options.DataPlaneRanges = value.Trim().ToLowerInvariant() switch
                    {
                        "on" or "true" => true,
                        "off" or "false" => false,
                        _ => throw new ArgumentException($"{name}: '{value}' is not on or off"),
                    };
                    break;
                case "--api-key":
                    options.ApiKey = value;
                    break;
                case "--public-endpoint":
                    options.PublicEndpoint = value;
                    break;
                case "--log-level":
                    options.MinimumLogLevel = Enum.TryParse<LogLevel>(value, ignoreCase: true, out var level)
                        ? level
                        : throw new ArgumentException($"--log-level: unknown level '{value}'");
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{name}'");
            }
        }

        return options;
    }

    private static (string Name, string Value) Split(IReadOnlyList<string> args, ref int i)
    {
        var arg = args[i];
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
        {
            return (arg[..equals], arg[(equals + 1)..]);
        }

        if (i + 1 >= args.Count)
        {
            throw new ArgumentException($"Option '{arg}' needs a value");
        }

        return (arg, args[++i]);
    }

    private static FaultKind[] ParseFaultKinds(string name, string value)
    {
        var setting = new FaultSetting(0, Kinds: value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var problems = setting.Validate();
        return problems.Count == 0
            ? FaultSetting.ParseKinds(setting.Kinds!, out _)
            : throw new ArgumentException($"{name}: {string.Join("; ", problems)}");
    }

    private static int ParseNonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"{name}: '{value}' is not a non-negative integer");
}
