using System.Diagnostics;
using DataOrchestrator.Testing.Processes;

namespace DataOrchestrator.Tests.Support.Reliability;

/// <summary>
/// Samples a service process, and only it, every interval: working set and thread count, keeping the peaks. Every
/// eighth sample also measures its live heap (<see cref="ServiceHeap"/>, a full collection in the service); growth is
/// counted from the live heap measured when sampling starts.
/// </summary>
internal sealed class ResourceSampler : IAsyncDisposable
{
    // Bounds for the reliability tests. The service alone, warmed up, on the loaded 2-core CI machine: live heap growth
    // 0-5 MiB, peak working set 170-185 MiB, peak threads 22-26 (10 s and 60 s of tenfold overload, 500 items with 20%
    // EDC faults). A leak, a buffer per request or a thread per request goes through them within seconds.
    public const long LiveHeapGrowthLimitBytes = 64L * 1024 * 1024;
    public const long WorkingSetLimitBytes = 512L * 1024 * 1024;
    public const int ThreadLimit = 100;

    private readonly ServiceProcess _service;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    private ResourceSampler(ServiceProcess service, long baselineLiveHeapBytes)
    {
        _service = service;
        BaselineLiveHeapBytes = baselineLiveHeapBytes;
        PeakLiveHeapBytes = baselineLiveHeapBytes;
    }

    public long BaselineLiveHeapBytes { get; }

    public long PeakLiveHeapBytes { get; private set; }

    public long LiveHeapGrowthBytes => PeakLiveHeapBytes - BaselineLiveHeapBytes;

    public long PeakWorkingSetBytes { get; private set; }

    public int PeakThreads { get; private set; }

    public int Samples { get; private set; }

    public static async Task<ResourceSampler> StartAsync(ServiceProcess service, TimeSpan interval)
    {
        var sampler = new ResourceSampler(service, await ServiceHeap.MeasureLiveBytesAsync(service));
        sampler._loop = Task.Run(() => sampler.SampleAsync(interval));
        return sampler;
    }

    public string Describe() =>
        $"service process: live heap growth {LiveHeapGrowthBytes / (1024 * 1024)} MiB (from {BaselineLiveHeapBytes / (1024 * 1024)} MiB to a peak of {PeakLiveHeapBytes / (1024 * 1024)} MiB after full collections), " +
        $"peak working set {PeakWorkingSetBytes / (1024 * 1024)} MiB, peak threads {PeakThreads} over {Samples} samples";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task SampleAsync(TimeSpan interval)
    {
        using var process = Process.GetProcessById(_service.Pid);
        while (!_stop.IsCancellationRequested)
        {
            process.Refresh();
            PeakWorkingSetBytes = Math.Max(PeakWorkingSetBytes, process.WorkingSet64);
            PeakThreads = Math.Max(PeakThreads, process.Threads.Count);
            if (Samples % 8 == 7)
            {
                PeakLiveHeapBytes = Math.Max(PeakLiveHeapBytes, await ServiceHeap.MeasureLiveBytesAsync(_service));
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
    }
}
