using System.Globalization;
using System.Text;
using System.Text.Json;
using DataOrchestrator.Bench.Scenarios;

namespace DataOrchestrator.Bench.Reporting;

/// <summary>Everything one run measured, written as JSON and as markdown tables.</summary>
internal sealed class BenchReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public required string Mode { get; init; }

    public required string Machine { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public HttpFloorBenchmark.Result? Floor { get; set; }

    public List<PipelineBenchmark.Result> Pipeline { get; } = [];

    public List<ColdStartBenchmark.Result> ColdStart { get; } = [];

    public ApiLatencyBenchmark.Result? Api { get; set; }

    public LargeDownloadBenchmark.Result? Download { get; set; }

    public StateScaleBenchmark.Result? State { get; set; }

    public List<StorageBenchmark.Result> Storage { get; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Benchmark ({Mode}) on {Machine}, started {StartedAt:yyyy-MM-dd HH:mm} UTC").AppendLine();
        if (Floor is not null)
        {
            md.AppendLine("### Floor: one trivial exchange on this machine").AppendLine()
                .AppendLine("| HttpClient CPU per GET (ms) | Kestrel CPU per GET (ms) | CPU per small file written and renamed (ms) |")
                .AppendLine("|---|---|---|")
                .AppendLine(CultureInfo.InvariantCulture, $"| {Floor.ClientCpuMsPerRequest:0.000} | {Floor.ServerCpuMsPerRequest:0.000} | {Floor.FileCpuMsPerFile:0.000} |")
                .AppendLine();
        }

        if (Pipeline.Count > 0)
        {
            md.AppendLine("### Pipeline throughput").AppendLine()
                .AppendLine("| flow | EDC | client | workers | latency | items | saved | items/s | ideal items/s | ratio | end-to-end p50 / p99 (ms) | per-item processing p50 / p99 (ms) | service CPU per item, of it kernel (ms) | EDC CPU per item (ms) | machine CPU busy |")
                .AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var r in Pipeline)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Flow} | {r.Edc} | {r.Client} | {r.Workers} | {r.LatencyMs} ms | {r.Orchestrations * r.ItemsPerOrchestration} | {r.Saved} | {r.ItemsPerSecond:0} | {Opt(r.IdealItemsPerSecond, "0")} | {Opt(r.RatioToIdeal, "0%")} | {r.EndToEndMs.P50:0} / {r.EndToEndMs.P99:0} | {r.ProcessingMs.P50:0} / {r.ProcessingMs.P99:0} | {r.CpuMsPerItem:0.00}, {r.KernelCpuMsPerItem:0.00} | {r.SimulatorCpuMsPerItem:0.00} | {r.MachineBusy:0%} |");
            }

            md.AppendLine().AppendLine("Each row measured after a warm-up of the same work until the service's JIT settled: " + string.Join("; ", Pipeline.Select(r =>
                string.Create(CultureInfo.InvariantCulture, $"{r.Flow} {r.Workers} workers / {r.LatencyMs} ms ({r.Edc}, {r.Client}): {WarmUpText(r.WarmUp)}")))).AppendLine();
        }

        if (ColdStart.Count > 0)
        {
            var first = ColdStart[0];
            md.AppendLine(CultureInfo.InvariantCulture, $"### Cold start ({first.Workers} workers, {first.LatencyMs} ms latency, a backlog of {first.BacklogItems:N0} items on a fresh process)").AppendLine()
                .AppendLine("| build | items/s, first 5 s | items/s, first 30 s | steady items/s | first 5 s of steady | first 30 s of steady | first second at ≥ 80% of steady | service CPU per item of the backlog (ms) | saved |")
                .AppendLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var r in ColdStart)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Build} | {r.ItemsPerSecondFirst5:0} | {r.ItemsPerSecondFirst30:0} | {r.SteadyItemsPerSecond:0} | {r.RatioFirst5:0%} | {r.RatioFirst30:0%} | {Opt(r.SecondsTo80Percent, "0")} | {r.CpuMsPerItemCold:0.00} | {r.Saved} of {r.BacklogItems} |");
            }

            md.AppendLine().AppendLine("Items finished per second of load: " + string.Join("; ", ColdStart.Select(r => $"{r.Build}: {string.Join(' ', r.ItemsPerSecond.Take(30))}")))
                .AppendLine().AppendLine("Steady state measured on the same process once its JIT settled: " + string.Join("; ", ColdStart.Select(r => $"{r.Build}: {WarmUpText(r.WarmUp)}"))).AppendLine();
        }

        if (Api is not null)
        {
            md.AppendLine("### API latency under load").AppendLine()
                .AppendLine("| endpoint | load | requests/s | p50 (ms) | p99 (ms) | max (ms) | errors |")
                .AppendLine("|---|---|---|---|---|---|---|");
            foreach (var row in Api.Rows)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {row.Endpoint} | {row.Load} | {row.RequestsPerSecond:0} | {Ms(row.LatencyMs.P50)} | {Ms(row.LatencyMs.P99)} | {Ms(row.LatencyMs.Max)} | {row.Errors} |");
            }

            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"GET /status/{{id}} reaches {Api.StatusToTrivialRatio:0%} of the trivial endpoint's requests per second.")
                .AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Measured after a warm-up of the pipeline until the service's JIT settled: {WarmUpText(Api.WarmUp)}.").AppendLine();
        }

        if (Download is not null)
        {
            md.AppendLine("### Large download").AppendLine()
                .AppendLine("| payload | service MiB/s | curl -o MiB/s | ratio | service peak RSS growth (MiB) | service CPU s per GiB | simulator CPU s per GiB (service runs) | machine busy: service runs / curl runs |")
                .AppendLine("|---|---|---|---|---|---|---|---|")
                .AppendLine(CultureInfo.InvariantCulture, $"| {Download.Bytes / (1024.0 * 1024):0} MiB | {Download.ServiceMiBPerSecond:0} | {Download.CurlMiBPerSecond:0} | {Download.RatioToCurl:0%} | {Download.PeakRssGrowthMiB:0.0} | {Download.ServiceCpuSecondsPerGiB:0.00} | {Download.SimulatorCpuSecondsPerGiB:0.00} | {Download.MachineBusyDuringService:0%} / {Download.MachineBusyDuringCurl:0%} |")
                .AppendLine();
        }

        if (State is not null)
        {
            md.AppendLine("### Scale of state").AppendLine()
                .AppendLine("| stored orchestrations (2 items) | live heap per orchestration | RSS per orchestration | GET /status first page p50 / p99 (ms) | GET /status deep page p50 / p99 (ms) |")
                .AppendLine("|---|---|---|---|---|")
                .AppendLine(CultureInfo.InvariantCulture, $"| {State.Orchestrations:N0} | {State.HeapBytesPerOrchestration:0} B | {State.RssBytesPerOrchestration:0} B | {Ms(State.FirstPageMs.P50)} / {Ms(State.FirstPageMs.P99)} | {Ms(State.DeepPageMs.P50)} / {Ms(State.DeepPageMs.P99)} |")
                .AppendLine();
        }

        if (Storage.Count > 0)
        {
            var first = Storage[0];
            md.AppendLine(CultureInfo.InvariantCulture,
                    $"### Durable storage ({first.Orchestrations:N0} orchestrations × {first.ItemsPerOrchestration} items, {first.WorkersPerInstance} workers per instance, {first.LatencyMs} ms latency)").AppendLine()
                .AppendLine("| store | instances | items | saved | seconds | items/s | of in-memory | end-to-end p50 / p99 (ms) | per-item processing p50 / p99 (ms) | service CPU per item (ms) | database CPU per item (ms) | simulator CPU per item (ms) | database transactions per item | database sessions at the end | machine CPU busy |")
                .AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var r in Storage)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Backend} | {r.Instances} | {r.Orchestrations * r.ItemsPerOrchestration} | {r.Saved} | {r.Seconds:0.0} | {r.ItemsPerSecond:0} | {Opt(r.RatioToMemory, "0%")} | {r.EndToEndMs.P50:0} / {r.EndToEndMs.P99:0} | {r.ProcessingMs.P50:0} / {r.ProcessingMs.P99:0} | {r.ServiceCpuMsPerItem:0.00} | {Opt(r.DatabaseCpuMsPerItem, "0.00")} | {r.SimulatorCpuMsPerItem:0.00} | {Opt(r.DatabaseTransactionsPerItem, "0.0")} | {Opt(r.DatabaseSessions, "0")} | {r.MachineBusy:0%} |");
            }

            md.AppendLine().AppendLine("Each variant measured after a warm-up through each instance until its JIT settled: " + string.Join("; ", Storage.Select(r =>
                string.Create(CultureInfo.InvariantCulture, $"{r.Backend} × {r.Instances}: {string.Join(", ", r.WarmUps.Select(WarmUpText))}")))).AppendLine();
            foreach (var r in Storage.Where(r => r.Statements is { Count: > 0 }))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"Database execution time by statement (pg_stat_statements, warm-up included), PostgreSQL with {r.Instances} instance(s):").AppendLine()
                    .AppendLine("| statement | calls per item | execution ms per item | share |").AppendLine("|---|---|---|---|");
                foreach (var s in r.Statements!)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"| `{s.Statement.Replace("|", "\\|", StringComparison.Ordinal)}` | {s.CallsPerItem:0.00} | {s.ExecutionMsPerItem:0.000} | {s.Share:0%} |");
                }

                md.AppendLine();
            }
        }

        return md.ToString();
    }

    private static string WarmUpText(Processes.WarmUp.Result warmUp) => string.Create(
        CultureInfo.InvariantCulture,
        $"{warmUp.Items:N0} items in {warmUp.Seconds:0} s, {warmUp.MethodsCompiled:N0} methods compiled{(warmUp.Settled ? string.Empty : ", not settled when the limit was reached")}");

    private static string Ms(double value) => value.ToString(value < 10 ? "0.00" : "0", CultureInfo.InvariantCulture);

    private static string Opt(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "—";
}
