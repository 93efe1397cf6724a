using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Transfers.DataPlane;

/// <summary>
/// Records a running download's progress on the item at a fixed interval (not per chunk: every record is a store
/// write), so GET /status shows <c>bytes_downloaded</c> of <c>bytes_total</c> on any instance. Stopped, and awaited,
/// before the download's outcome is recorded, so a late progress write can never overwrite it.
/// </summary>
internal sealed class DownloadProgress : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PeriodicTimer _timer;
    private readonly Task _reporting;

    public DownloadProgress(
        DownloadTracker tracker, OrchestrationItem item, TimeSpan interval, TimeProvider timeProvider, Func<OrchestrationItem, CancellationToken, Task> record)
    {
        _timer = new PeriodicTimer(interval, timeProvider);
        _reporting = ReportAsync(tracker, item, record);
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing the timer ends a pending wait with false, without the exception a cancelled wait throws (one per
        // download, which under load cost more CPU than the rest of the progress reporting).
        _timer.Dispose();
        await _stop.CancelAsync();
        await _reporting;
        _stop.Dispose();
    }

    private async Task ReportAsync(DownloadTracker tracker, OrchestrationItem item, Func<OrchestrationItem, CancellationToken, Task> record)
    {
        var reported = -1L;
        try
        {
            while (await _timer.WaitForNextTickAsync())
            {
                var read = tracker.Received;
                if (read != reported)
                {
                    await record(item with { BytesDownloaded = read, BytesTotal = tracker.Total }, _stop.Token);
                    reported = read;
                }
            }
        }
        catch (Exception)
        {
            // Progress is a courtesy: a failed write (the store away, the item cancelled or taken over, the download
            // ended during a write) stops reporting, and the download's own outcome is recorded, or refused, on its own.
        }
    }
}
