using System.Globalization;
using DataOrchestrator.Bench;
using DataOrchestrator.Bench.Processes;
using DataOrchestrator.Bench.Reporting;
using DataOrchestrator.Bench.Scenarios;
using DataOrchestrator.Testing.Postgres;

// Usage: DataOrchestrator.Bench [--quick] [--only floor,pipeline,dps,client,overhead,cold,api,download,state,storage] [--workers 16,64] [--orchestrations N] [--service-env K=V,K=V] [--cold-builds plain,r2r,...] [--service-build plain|published|PATH.dll] [--out DIR]
var quick = args.Contains("--quick");
var selected = Option("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var only = selected ?? ["floor", "pipeline", "dps", "client", "overhead", "cold", "api", "download", "state", "storage"];
var settings = quick ? BenchSettings.Quick : BenchSettings.Full;
if (Option("--workers") is { } workerCounts)
{
    settings = settings with { WorkerCounts = workerCounts.Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray() };
}

if (Option("--orchestrations") is { } count)
{
    var orchestrations = int.Parse(count, CultureInfo.InvariantCulture);
    settings = settings with { Orchestrations = orchestrations, StorageOrchestrations = orchestrations, OverheadOrchestrations = orchestrations };
}

using var environment = BenchEnvironment.Create();
foreach (var pair in Option("--service-env")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [])
{
    var parts = pair.Split('=', 2);
    environment.ServiceOverrides[parts[0]] = parts.Length > 1 ? parts[1] : string.Empty;
}

environment.DefaultServiceDll = Option("--service-build") switch
{
    null or "plain" => null,
    "published" => environment.PublishedServiceDll,
    var other when ExistingDll(other) is { } dll => dll, // another checkout's build, for A/B runs
    var other => throw new ArgumentException($"--service-build: '{other}' is neither plain, published nor an existing .dll"),
};

if (only.Contains("storage"))
{
    PostgresCluster.EnsureInstalled(); // before the other scenarios, not after them
}

var output = Option("--out") ?? Path.Combine(environment.RepositoryRoot, "bench", "results");
var report = new BenchReport
{
    Mode = quick ? "quick" : "full",
    Machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
    StartedAt = DateTimeOffset.UtcNow,
};

if (only.Contains("floor"))
{
    Console.Error.WriteLine("floor: cost of one HTTP exchange and one file on this machine");
    report.Floor = await HttpFloorBenchmark.RunAsync(environment, settings.Orchestrations * 10);
}

if (only.Contains("pipeline"))
{
    foreach (var workers in settings.WorkerCounts)
    {
        Console.Error.WriteLine($"pipeline: {workers} workers, {settings.LatencyMs} ms latency");
        report.Pipeline.Add(await PipelineBenchmark.RunAsync(environment, workers, settings.LatencyMs, settings.Orchestrations, settings.ItemsPerOrchestration, settings.WarmUpLimit));
    }
}

// The DPS flow beside the EDR flow's row of the same workers and latency.
if (only.Contains("dps"))
{
    Console.Error.WriteLine($"pipeline (DPS flow): {settings.DpsWorkers} workers, {settings.LatencyMs} ms latency");
    report.Pipeline.Add(await PipelineBenchmark.RunAsync(
        environment, settings.DpsWorkers, settings.LatencyMs, settings.Orchestrations, settings.ItemsPerOrchestration, settings.WarmUpLimit, new(PipelineBenchmark.Dps)));
}

// The benchmark's own client and simulator against a user's view: a client that polls GET /status once a second, and
// an EDC stand-in written independently of the service (Node), each beside the plain row.
if (only.Contains("client"))
{
    // The quick run keeps one row, so that the stand-in and the polling client never rot.
    PipelineBenchmark.Setup[] setups = quick
        ? [new(Edc: PipelineBenchmark.StandIn, Client: PipelineBenchmark.PollsStatus)]
        : [new(), new(Client: PipelineBenchmark.PollsStatus), new(Edc: PipelineBenchmark.StandIn), new(Edc: PipelineBenchmark.StandIn, Client: PipelineBenchmark.PollsStatus)];
    foreach (var setup in setups)
    {
        Console.Error.WriteLine($"pipeline: {settings.ClientWorkers} workers, {settings.LatencyMs} ms latency, EDC played by the {setup.Edc}, a client that {setup.Client}");
        report.Pipeline.Add(await PipelineBenchmark.RunAsync(
            environment, settings.ClientWorkers, settings.LatencyMs, settings.Orchestrations, settings.ItemsPerOrchestration, settings.WarmUpLimit, setup));
    }
}

if (only.Contains("overhead"))
{
    Console.Error.WriteLine("pipeline: 64 workers, 0 ms latency (service overhead)");
    report.Pipeline.Add(await PipelineBenchmark.RunAsync(environment, 64, 0, settings.OverheadOrchestrations, settings.ItemsPerOrchestration, settings.WarmUpLimit));
}

if (only.Contains("cold"))
{
    Console.Error.WriteLine($"cold start: 64 workers, {settings.LatencyMs} ms latency, a backlog of {settings.ColdBacklogItems} items on a fresh process");
    var candidates = new Dictionary<string, ColdStartBenchmark.Build>
    {
        ["plain"] = new("plain build (JIT)", environment.ServiceDll, new Dictionary<string, string>()),
        // As shipped: quick JIT and Dynamic PGO off in its runtimeconfig.json (DataOrchestrator.Api.csproj).
        ["r2r"] = new("ReadyToRun publish as shipped", environment.PublishedServiceDll, new Dictionary<string, string>()),
        // The runtime's defaults, which the environment overrides: quick code first, hot code instrumented, then optimised.
        ["r2r-defaults"] = new("ReadyToRun publish, runtime defaults", environment.PublishedServiceDll,
            new Dictionary<string, string> { ["DOTNET_TC_QuickJit"] = "1", ["DOTNET_TieredPGO"] = "1" }),
        // No tiering at all: the ahead-of-time code runs as it is, and methods without it are compiled optimised once.
        ["r2r-tc-off"] = new("ReadyToRun publish, tiered compilation off", environment.PublishedServiceDll, new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" }),
    };

    // --cold-builds r2r,r2r-defaults,r2r,... runs those rows in that order (a name may repeat, for A/B runs).
    var names = Option("--cold-builds")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        ?? (quick ? ["plain", "r2r"] : ["plain", "r2r-defaults", "r2r", "r2r-tc-off"]);
    // A path to a .dll is another build of the service (e.g. another publish), run with its own runtimeconfig.json.
    var builds = names.Select(n => candidates.TryGetValue(n, out var build) ? build
        : ExistingDll(n) is { } dll ? new ColdStartBenchmark.Build(n, dll, new Dictionary<string, string>())
        : throw new ArgumentException($"--cold-builds: unknown build '{n}' (known: {string.Join(", ", candidates.Keys)}, or a .dll)")).ToList();
    report.ColdStart.AddRange(await ColdStartBenchmark.RunAsync(environment, builds, 64, settings.LatencyMs, settings.ColdBacklogItems, settings.WarmUpLimit));
}

if (only.Contains("api"))
{
    Console.Error.WriteLine("api latency");
    report.Api = await ApiLatencyBenchmark.RunAsync(environment, settings.ApiDuration, settings.ApiConcurrency, settings.PostRate, settings.WarmUpLimit);
}

if (only.Contains("download"))
{
    Console.Error.WriteLine($"large download: {settings.DownloadBytes.ToString(CultureInfo.InvariantCulture)} bytes");
    report.Download = await LargeDownloadBenchmark.RunAsync(environment, settings.DownloadBytes, settings.WarmUpLimit);
}

if (only.Contains("state"))
{
    Console.Error.WriteLine($"state: {settings.StoredOrchestrations.ToString(CultureInfo.InvariantCulture)} orchestrations");
    report.State = await StateScaleBenchmark.RunAsync(environment, settings.StoredOrchestrations, settings.PageRequests);
}

if (only.Contains("storage"))
{
    report.Storage.AddRange(await StorageBenchmark.RunAsync(
        environment, settings.LatencyMs, settings.StorageOrchestrations, settings.ItemsPerOrchestration, settings.WarmUpLimit));
}

// A partial run (--only) is named after its scenarios, so that it never overwrites the files of a complete run.
var name = selected is null ? report.Mode : (quick ? "quick." : string.Empty) + string.Join('-', selected);
Directory.CreateDirectory(output);
var markdown = report.ToMarkdown();
await File.WriteAllTextAsync(Path.Combine(output, $"{name}.json"), report.ToJson());
await File.WriteAllTextAsync(Path.Combine(output, $"{name}.md"), markdown);
Console.WriteLine(markdown);

// A row that did not save every item is a failed run, not merely a figure: CI's quick run relies on it.
var incomplete = report.Pipeline
    .Where(r => r.Saved < r.Orchestrations * r.ItemsPerOrchestration)
    .Select(r => $"pipeline ({r.Flow}, {r.Edc}, a client that {r.Client}): {r.Saved} of {r.Orchestrations * r.ItemsPerOrchestration} items saved")
    .Concat(report.ColdStart.Where(r => r.Saved < r.BacklogItems).Select(r => $"cold start ({r.Build}): {r.Saved} of {r.BacklogItems} items saved"))
    .Concat(report.Storage.Where(r => r.Saved < r.Orchestrations * r.ItemsPerOrchestration)
        .Select(r => $"storage ({r.Backend}, {r.Instances} instance(s)): {r.Saved} of {r.Orchestrations * r.ItemsPerOrchestration} items saved"))
    .ToList();
foreach (var line in incomplete)
{
    Console.Error.WriteLine("benchmark failed: " + line);
}

return incomplete.Count == 0 ? 0 : 1;

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

// A build of the service named by its path (--service-build, --cold-builds): the full path when it exists.
static string? ExistingDll(string path) =>
    path.EndsWith(".dll", StringComparison.Ordinal) && File.Exists(path) ? Path.GetFullPath(path) : null;
