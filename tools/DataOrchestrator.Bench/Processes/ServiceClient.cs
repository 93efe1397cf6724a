using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DataOrchestrator.Bench.Processes;

/// <summary>The benchmark's view of the service API.</summary>
internal sealed class ServiceClient(Uri service, string connectorAddress) : IDisposable
{
    private readonly HttpClient _http = CreateClient(service);

    public HttpClient Http => _http;

    public static HttpClient CreateClient(Uri address)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 1024 };
        var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", BenchEnvironment.ClientKey);
        return client;
    }

    public string Body(string contractId, int items)
    {
        var builder = new StringBuilder("{\"data\":[");
        for (var i = 0; i < items; i++)
        {
            builder.Append(i == 0 ? string.Empty : ",")
                .Append("{\"type\":\"edc-asset\",\"counterPartyAddress\":\"http://provider-qna-controlplane:8082/api/dsp\",\"contractId\":\"")
                .Append(contractId).Append("\",\"connectorId\":\"did:web:provider-identityhub:7083:provider\"}");
        }

        return builder.Append("],\"connectorAddress\":\"").Append(connectorAddress).Append("\"}").ToString();
    }

    public async Task<bool> PostAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("/orchestrate", content);
        return response.IsSuccessStatusCode;
    }

    public async Task<string> SubmitAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("/orchestrate", content);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return json.RootElement.GetProperty("orchestration_id").GetString()!;
    }

    /// <summary>Submits <paramref name="count"/> orchestrations from <paramref name="parallelism"/> clients.</summary>
    public async Task<string[]> SubmitManyAsync(int count, int items, string contractId, int parallelism)
    {
        var body = Body(contractId, items);
        var ids = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) => ids[i] = await SubmitAsync(body));
        return ids;
    }

    /// <summary>Every item of every orchestration, read page by page from GET /status.</summary>
    public async Task<List<ItemTiming>> AllItemsAsync()
    {
        var items = new List<ItemTiming>();
        string? cursor = null;
        do
        {
            var url = "/status?limit=1000" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
            using var json = JsonDocument.Parse(await _http.GetStringAsync(url));
            var inner = json.RootElement.GetProperty("response");
            foreach (var process in inner.GetProperty("orchestration_processes").EnumerateObject())
            {
                var created = Time(process.Value.GetProperty("created_at"))!.Value;
                foreach (var item in process.Value.GetProperty("items").EnumerateArray())
                {
                    items.Add(new ItemTiming(
                        process.Name, item.GetProperty("status").GetString()!, created, Time(item.GetProperty("started_at")), Time(item.GetProperty("finished_at"))));
                }
            }

            cursor = inner.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        return items;
    }

    /// <summary>The newest page of orchestrations a user's client reads, as large as the API allows.</summary>
    private const string NewestPage = "/status?limit=1000";

    /// <summary>
    /// As a user follows a batch: reads the newest page of <c>GET /status?limit=1000</c> every
    /// <paramref name="interval"/> until every orchestration of <paramref name="ids"/> on it has a final status. The
    /// page is read whole, as a client would, so that its cost lands on the service.
    /// </summary>
    public async Task PollUntilFinalAsync(IReadOnlySet<string> ids, TimeSpan interval, TimeSpan timeout)
    {
        string[] final = ["COMPLETED", "PARTIALLY_COMPLETED", "FAILED", "CANCELLED"];
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await Task.Delay(interval);
            using var json = JsonDocument.Parse(await _http.GetStringAsync(NewestPage));
            var done = json.RootElement.GetProperty("response").GetProperty("orchestration_processes").EnumerateObject()
                .Count(p => ids.Contains(p.Name) && final.Contains(p.Value.GetProperty("process_status").GetString()));
            if (done == ids.Count)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {done} of {ids.Count} orchestrations were final after {timeout}.");
            }
        }
    }

    /// <summary>Reads the newest page of <c>GET /status?limit=1000</c> every <paramref name="interval"/> until cancelled.</summary>
    public async Task PollAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, cancellationToken);
                using var response = await _http.GetAsync(NewestPage, cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Methods the service's JIT has compiled so far, from its runtime metrics on GET /metrics.</summary>
    public async Task<long> JitCompiledMethodsAsync()
    {
        const string name = "dotnet_jit_compiled_methods_total";
        var metrics = await _http.GetStringAsync("/metrics");
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"GET /metrics has no {name}: the warm-up needs the service's runtime metrics (METRICS_ENABLED).");
        return long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until the data directory holds <paramref name="count"/> saved files (temporary ones excluded).</summary>
    public static async Task WaitForFilesAsync(string directory, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Directory.EnumerateFiles(directory).Count(f => !Path.GetFileName(f).StartsWith('.')) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {Directory.EnumerateFiles(directory).Count()} of {count} files arrived in {timeout}.");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose() => _http.Dispose();

    private static DateTimeOffset? Time(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ? null : DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture);
}
