using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Infrastructure.Workers;

/// <summary>
/// <c>WORKER_COUNT</c> consumers of the item queue, each running one pipeline at a time in its own DI scope.
/// Shutdown stops intake, lets running items finish for the shutdown timeout, then cancels them, and hands the items
/// that never started to <see cref="UnstartedWork"/>. An item that waits for its connector goes back to the source
/// for a while (<see cref="IWorkSource.DeferAsync"/>).
/// </summary>
internal sealed class WorkerPool(
    IWorkSource queue,
    IOrchestrationQueue intake,
    IServiceScopeFactory scopeFactory,
    UnstartedWork unstarted,
    OrchestratorMetrics metrics,
    IOptions<WorkerOptions> options,
    TimeProvider timeProvider,
    ILogger<WorkerPool> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopTaking = new();
    private readonly CancellationTokenSource _abortRunning = new();
    private readonly Lock _gate = new();
    private Task[] _workers = [];
    private Task? _stopping;
    private bool _disposed;
    private int _active;

    /// <summary>Workers busy with an item right now.</summary>
    public int ActiveWorkers => Volatile.Read(ref _active);

    public int WorkerCount => _workers.Length;

    /// <summary>Started and not stopping.</summary>
    public bool IsRunning => _workers.Length > 0 && _stopping is null && !_disposed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await queue.StartAsync(cancellationToken);
        var count = options.Value.Count;
        _workers = Enumerable.Range(0, count).Select(_ => Task.Run(ConsumeAsync, CancellationToken.None)).ToArray();
        metrics.ObserveWorkers(() => intake.Count, () => ActiveWorkers, count);
        logger.LogInformation("Worker pool started with {WorkerCount} workers and room for {QueueCapacity} queued items", count, options.Value.QueueCapacity);
    }

    /// <summary>Idempotent: a host may ask more than once (e.g. a test host and the entry point both stopping it).</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Disposed without ever stopping (the host failed to start): there is nothing left to stop.
            return _stopping ??= _disposed ? Task.CompletedTask : StopOnceAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            // Once stopping has begun its tokens belong to it; they hold no timers, so leaving them to the GC is safe.
            if (_stopping is null && !_disposed)
            {
                _disposed = true;
                _stopTaking.Dispose();
                _abortRunning.Dispose();
            }
        }
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        await queue.CloseAsync();
        await _stopTaking.CancelAsync();
        var all = Task.WhenAll(_workers);
        var grace = options.Value.ShutdownTimeout;
        if (await Task.WhenAny(all, Task.Delay(grace, timeProvider, cancellationToken)) != all)
        {
            logger.LogWarning("{ActiveWorkers} items still running after {Grace}; cancelling them", ActiveWorkers, grace);
            await _abortRunning.CancelAsync();
            await all;
        }

        await unstarted.HandOverAsync(queue);
        logger.LogInformation("Worker pool stopped");
    }

    private async Task ConsumeAsync()
    {
        // Not ReadAllAsync: it keeps yielding buffered items after its token is cancelled, so a worker
        // finishing one item at shutdown would start the next one only to have it cancelled.
        try
        {
            while (await queue.Reader.WaitToReadAsync(_stopTaking.Token))
            {
                if (_stopTaking.IsCancellationRequested)
                {
                    break;
                }

                if (queue.Reader.TryRead(out var work))
                {
                    queue.MarkTaken();
                    await ProcessAsync(work);
                }
            }
        }
        catch (OperationCanceledException) when (_stopTaking.IsCancellationRequested)
        {
            // Shutdown: stop taking work.
        }
    }

    private async Task ProcessAsync(ItemWork work)
    {
        Interlocked.Increment(ref _active);
        var result = ItemRunResult.Done;
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var pipeline = scope.ServiceProvider.GetRequiredService<ITransferPipeline>();
            result = await pipeline.RunAsync(work, _abortRunning.Token);
        }
        catch (OperationCanceledException) when (_abortRunning.IsCancellationRequested)
        {
            logger.LogInformation("Item {ItemIndex} of orchestration {OrchestrationId} cancelled by shutdown", work.ItemIndex, work.OrchestrationId);
        }
        catch (Exception exception)
        {
            // The pipeline records its own failures; reaching here is a bug, and one bug must not stop the worker.
            logger.LogError(exception, "Worker failed on item {ItemIndex} of orchestration {OrchestrationId}", work.ItemIndex, work.OrchestrationId);
        }
        finally
        {
            Interlocked.Decrement(ref _active);
            await ReleaseAsync(work, result);
        }
    }

    private async ValueTask ReleaseAsync(ItemWork work, ItemRunResult result)
    {
        try
        {
            if (result.RetryAfter is { } delay)
            {
                await queue.DeferAsync(work, delay);
            }
            else
            {
                await queue.CompleteAsync(work);
            }
        }
        catch (Exception exception)
        {
            // A durable source's lease then simply expires and the item is taken over.
            logger.LogWarning(exception, "Could not release item {ItemIndex} of orchestration {OrchestrationId}", work.ItemIndex, work.OrchestrationId);
        }
    }
}
