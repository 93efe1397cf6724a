using System.Diagnostics;

namespace DataOrchestrator.Tests.Functional.Reliability;

/// <summary>
/// Samples the test process (service, simulator and test code together, so an upper bound for the service) every
/// interval: managed heap, working set and thread count, keeping the peaks.
/// </summary>
internal sealed class ResourceSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ResourceSampler(TimeSpan interval)
    {
        _loop = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                PeakHeapBytes = Math.Max(PeakHeapBytes, GC.GetTotalMemory(forceFullCollection: false));
                PeakWorkingSetBytes = Math.Max(PeakWorkingSetBytes, process.WorkingSet64);
                PeakThreads = Math.Max(PeakThreads, process.Threads.Count);
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

    public long PeakWorkingSetBytes { get; private set; }

    public int PeakThreads { get; private set; }

    public int Samples { get; private set; }

    public string Describe() =>
        $"peak GC heap {PeakHeapBytes / (1024 * 1024)} MiB, peak working set {PeakWorkingSetBytes / (1024 * 1024)} MiB, peak threads {PeakThreads} over {Samples} samples";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
