namespace DataOrchestrator.Bench;

/// <summary>Sizes of one benchmark run: the full run (defaults of the issue) or a quick one for CI.</summary>
internal sealed record BenchSettings(
    int Orchestrations,
    int ItemsPerOrchestration,
    int[] WorkerCounts,
    int LatencyMs,
    TimeSpan ApiDuration,
    int ApiConcurrency,
    int PostRate,
    long DownloadBytes,
    int StoredOrchestrations,
    int PageRequests,
    int StorageOrchestrations,
    TimeSpan WarmUpLimit,
    int OverheadOrchestrations,
    int DpsWorkers = 64,
    int ColdBacklogItems = 30_000,
    int ClientWorkers = 64)
{
    public static BenchSettings Full { get; } = new(1000, 2, [16, 64, 256], 20, TimeSpan.FromSeconds(10), 64, 500, 1L << 30, 100_000, 500, 10_000, TimeSpan.FromSeconds(120), 10_000);

    // The quick run's warm-ups stop after their first window of work (WarmUp's 2 s; one warm download): its figures are
    // not published, it runs every row so that none rots, and its JIT never settled within a longer limit either.
    public static BenchSettings Quick { get; } = new(100, 2, [16, 64], 20, TimeSpan.FromSeconds(2), 16, 200, 64L << 20, 5_000, 50, 200, TimeSpan.FromSeconds(1), 100, ColdBacklogItems: 2_000);
}
