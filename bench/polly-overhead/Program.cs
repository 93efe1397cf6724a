// What Microsoft.Extensions.Http.Resilience costs per HTTP call, strategy by strategy: CPU and allocated bytes per
// call through an HttpClient whose innermost handler answers after Task.Yield(), so that every layer really suspends
// as it does on a network call. docs/benchmarks.md (where the time goes) reports its figures.
//   cd bench/polly-overhead && dotnet run -c Release
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

const int Calls = 200_000;
const int WarmUpCalls = 20_000;
var attemptTimeout = new HttpTimeoutStrategyOptions { Timeout = TimeSpan.FromSeconds(30) };

var variants = new Dictionary<string, Action<IHttpClientBuilder>>
{
    ["no resilience handler"] = _ => { },
    ["empty pipeline"] = b => b.AddResilienceHandler("standard", _ => { }).SelectPipelineByAuthority(),
    ["retry only"] = b => b.AddResilienceHandler("standard", p => p.AddRetry(new HttpRetryStrategyOptions())).SelectPipelineByAuthority(),
    ["timeout only"] = b => b.AddResilienceHandler("standard", p => p.AddTimeout(attemptTimeout)).SelectPipelineByAuthority(),
    ["circuit breaker only"] = b => b.AddResilienceHandler("standard", p => p.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions())).SelectPipelineByAuthority(),
    // The service's configuration: the standard handler with an unlimited concurrency limiter (Infrastructure/HttpResilience.cs).
    ["standard handler (5 strategies)"] = b => b.AddStandardResilienceHandler(o =>
    {
        o.RateLimiter.DefaultRateLimiterOptions.PermitLimit = int.MaxValue;
        o.RateLimiter.DefaultRateLimiterOptions.QueueLimit = 0;
    }).SelectPipelineByAuthority(),
    ["standard without the limiter (4)"] = b => b.AddResilienceHandler("standard", p => p
        .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = TimeSpan.FromSeconds(90) })
        .AddRetry(new HttpRetryStrategyOptions())
        .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions())
        .AddTimeout(attemptTimeout)).SelectPipelineByAuthority(),
};

var services = new ServiceCollection();
foreach (var (name, configure) in variants)
{
    configure(services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => new YieldingHandler()));
}

using var provider = services.BuildServiceProvider();
var factory = provider.GetRequiredService<IHttpClientFactory>();
Console.WriteLine($"{"variant",-34} {"CPU µs/call",12} {"bytes/call",11}");
for (var round = 1; round <= 2; round++)
{
    foreach (var name in variants.Keys)
    {
        var client = factory.CreateClient(name);
        await CallAsync(client, WarmUpCalls);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        await CallAsync(client, Calls);
        var cpuMicroseconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / Calls;
        var bytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)Calls;
        Console.WriteLine($"{name,-34} {cpuMicroseconds,12:F2} {bytes,11:F0}   (round {round})");
    }
}

static async Task CallAsync(HttpClient client, int calls)
{
    for (var i = 0; i < calls; i++)
    {
        using var response = await client.GetAsync(new Uri("http://127.0.0.1:5/x"));
    }
}

/// <summary>Answers 200 after yielding, as a network call completes later on another thread.</summary>
internal sealed class YieldingHandler : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return new HttpResponseMessage(HttpStatusCode.OK);
    }
}
