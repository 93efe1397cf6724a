using DataOrchestrator.Bench.Processes;

namespace DataOrchestrator.Bench.Scenarios;

/// <summary>
/// The storage scenario's workload: N orchestrations × K items after a warm-up until each instance's JIT settled (at most
/// <paramref name="WarmUpLimit"/>), at a simulator latency of L ms; submitted from several clients to the instances in
/// turn, and followed until every item is final.
/// </summary>
internal sealed record StorageWorkload(int LatencyMs, int Orchestrations, int Items, TimeSpan WarmUpLimit)
{
    private const int SubmitParallelism = 8;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    // Status pages cost the service CPU, so they are read only once every file is there, or when files stop coming.
    private static readonly TimeSpan Stalled = TimeSpan.FromSeconds(5);

    public int TotalItems => Orchestrations * Items;

    /// <summary>Files saved in the data directory so far (temporary ones excluded).</summary>
    public static int FilesIn(string data) => Directory.EnumerateFiles(data).Count(f => !Path.GetFileName(f).StartsWith('.'));

    /// <summary>Submits <paramref name="count"/> orchestrations from several clients, to the instances in turn.</summary>
    public async Task<string[]> SubmitRoundRobinAsync(List<ServiceClient> clients, int count, string contractId)
    {
        var body = clients[0].Body(contractId, Items);
        var ids = new string[count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = SubmitParallelism },
            async (i, _) => ids[i] = await clients[i % clients.Count].SubmitAsync(body));
        return ids;
    }

    /// <summary>
    /// Waits until every item of <paramref name="ids"/> is SAVED or FAILED on GET /status (the instances in turn) and
    /// returns them. Until <paramref name="files"/> files are in the data directory only the directory is watched.
    /// </summary>
    public async Task<ItemTiming[]> WaitUntilFinalAsync(List<ServiceClient> clients, string data, int files, HashSet<string> ids)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var polls = 0;
        var seen = -1;
        var lastChange = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            var count = FilesIn(data);
            if (count != seen)
            {
                (seen, lastChange) = (count, DateTime.UtcNow);
            }

            if (count >= files || DateTime.UtcNow - lastChange > Stalled)
            {
                var items = (await clients[polls++ % clients.Count].AllItemsAsync()).Where(i => ids.Contains(i.OrchestrationId)).ToArray();
                if (items.Length == ids.Count * Items && items.All(i => i.Status is "SAVED" or "FAILED"))
                {
                    return items;
                }

                lastChange = DateTime.UtcNow; // while stalled, read the pages again only after another quiet spell
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Not every orchestration was final after {Timeout}.");
    }
}
