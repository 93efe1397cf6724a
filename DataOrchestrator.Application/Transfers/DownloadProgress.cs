using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Transfers;

/// <summary>
/// Records a running download's progress on the item at a fixed interval (not per chunk: every record is a store
/// write), so GET /status shows <c>bytes_downloaded</c> of <c>bytes_total</c> on any instance. Stopped, and awaited,
/// before the download's outcome is recorded, so a late progress write can never overwrite it.
/// </summary>
internal sealed class DownloadProgress : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reporting;

    public DownloadProgress(
        CountingStream counted, OrchestrationItem item, long? total, TimeSpan interval, TimeProvider timeProvider,
        Func<OrchestrationItem, CancellationToken, Task> record)
    {
        _reporting = ReportAsync(counted, item, total, interval, timeProvider, record, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reporting;
        _stop.Dispose();
    }

    private static async Task ReportAsync(
        CountingStream counted, OrchestrationItem item, long? total, TimeSpan interval, TimeProvider timeProvider,
        Func<OrchestrationItem, CancellationToken, Task> record, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        var reported = -1L;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var read = counted.BytesRead;
                if (read != reported)
                {
                    await record(item with { BytesDownloaded = read, BytesTotal = total }, stop);
                    reported = read;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The download ended.
        }
        catch (Exception)
        {
            // Progress is a courtesy: a failed write (the store away, the item cancelled or taken over) stops reporting,
            // and the download's own outcome is recorded, or refused, on its own.
        }
    }
}
