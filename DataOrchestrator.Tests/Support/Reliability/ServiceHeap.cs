using System.Diagnostics.Tracing;
using DataOrchestrator.Testing.Processes;
using DataOrchestrator.Tests.Support.Metrics;
using Microsoft.Diagnostics.NETCore.Client;

namespace DataOrchestrator.Tests.Support.Reliability;

/// <summary>
/// The live managed heap of a service process: a full blocking collection is induced through the runtime's diagnostics
/// channel (an EventPipe session asking for the GC heap collect keyword, what dotnet-gcdump does, without the heap
/// walk), then the heap size after that collection, less fragmentation, is read from the service's own
/// <c>GET /metrics</c>. The heap size alone counts garbage not yet collected, which says little.
/// </summary>
internal static class ServiceHeap
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const long GcHeapCollectKeyword = 0x800000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static async Task<long> MeasureLiveBytesAsync(ServiceProcess service)
    {
        var before = (await ScrapeAsync(service)).Sum("dotnet_gc_collections_total", ("gc_heap_generation", "gen2"));
        var client = new DiagnosticsClient(service.Pid);
        using var session = await client.StartEventPipeSessionAsync(
            [new EventPipeProvider(RuntimeProvider, EventLevel.Informational, GcHeapCollectKeyword)], requestRundown: false);

        // Nothing in the events is needed, but the session's stream must be read for the runtime to go on writing it.
        var drain = session.EventStream.CopyToAsync(Stream.Null);
        try
        {
            var deadline = DateTime.UtcNow + Timeout;
            while (true)
            {
                var scrape = await ScrapeAsync(service);
                if (scrape.Sum("dotnet_gc_collections_total", ("gc_heap_generation", "gen2")) > before)
                {
                    return (long)(scrape.Sum("dotnet_gc_last_collection_heap_size_bytes") - scrape.Sum("dotnet_gc_last_collection_heap_fragmentation_size_bytes"));
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{service.Name} did not collect within {Timeout} of being asked to.");
                }

                await Task.Delay(50);
            }
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
            await drain;
        }
    }

    private static async Task<PrometheusScrape> ScrapeAsync(ServiceProcess service)
    {
        using var response = await service.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return PrometheusScrape.Parse(await response.Content.ReadAsStringAsync());
    }
}
