using System.Diagnostics;

namespace DataOrchestrator.Tests.Functional.Reliability;

/// <summary>
/// Samples the test process (service, simulator and test code together, so an upper bound for the service) every
/// interval: managed heap, working set and thread count, keeping the peaks. Every eighth sample also forces a full
/// collection and records the live heap: the plain heap size counts garbage not yet collected, which says little.
/// </summary>
internal sealed class ResourceSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ResourceSampler(TimeSpan interval)
    {
        // The test process also holds what earlier tests left (the full suite shares it): count growth from here.
        BaselineLiveHeapBytes = GC.GetTotalMemory(forceFullCollection: true);
        _loop = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                PeakHeapBytes = Math.Max(PeakHeapBytes, GC.GetTotalMemory(forceFullCollection: false));
                PeakWorkingSetBytes = Math.Max(PeakWorkingSetBytes, process.WorkingSet64);
                PeakThreads = Math.Max(PeakThreads, process.Threads.Count);
                if (Samples % 8 == 0)
                {
                    PeakLiveHeapBytes = Math.Max(PeakLiveHeapBytes, GC.GetTotalMemory(forceFullCollection: true));
                }

                Samples++;
                try
                {
                    await Task.Delay(interval, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    public long PeakHeapBytes { get; private set; }

    public long BaselineLiveHeapBytes { get; }

    public long PeakLiveHeapBytes { get; private set; }

    public long LiveHeapGrowthBytes => Math.Max(0, PeakLiveHeapBytes - BaselineLiveHeapBytes);

    public long PeakWorkingSetBytes { get; private set; }

    public int PeakThreads { get; private set; }

    public int Samples { get; private set; }

    public string Describe() =>
        $"live heap growth {LiveHeapGrowthBytes / (1024 * 1024)} MiB (peak {PeakLiveHeapBytes / (1024 * 1024)} MiB after full GC), peak GC heap {PeakHeapBytes / (1024 * 1024)} MiB, peak working set {PeakWorkingSetBytes / (1024 * 1024)} MiB, peak threads {PeakThreads} over {Samples} samples";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
