using System.Collections.Concurrent;
using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Infrastructure.Callbacks;

/// <summary>
/// Sends due completion callbacks, up to <c>MaxConcurrentDeliveries</c> at a time, each attempt in its own DI scope.
/// Woken at once when an orchestration of this process finishes (<see cref="FinishSignallingRepository"/>) and when a
/// retry falls due; polls every <c>PollIntervalMs</c> for the rest: retries, callbacks left by a restart or a dead
/// instance, orchestrations finished by other instances. Idle when no secret is configured.
/// </summary>
internal sealed class CallbackDispatcher(
    IServiceScopeFactory scopeFactory,
    IOptions<CallbackOptions> options,
    TimeProvider timeProvider,
    ILogger<CallbackDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan WakeMargin = TimeSpan.FromMilliseconds(20);

    private readonly WakeSignal _wake = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>Look for due callbacks now rather than at the next poll.</summary>
    public void Wake() => _wake.Set();

    public override void Dispose()
    {
        base.Dispose();
        _wake.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.IsEnabled)
        {
            logger.LogInformation("Completion callbacks are disabled (no CALLBACK_SECRET); pending ones wait until a secret is configured");
            return;
        }

        using var slots = new SemaphoreSlim(settings.MaxConcurrentDeliveries);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                bool started;
                try
                {
                    started = await TryStartOneAsync(slots, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    slots.Release();
                    LogClaimFailure(exception);
                    await Task.Delay(settings.PollInterval, timeProvider, stoppingToken);
                    continue;
                }

                if (!started)
                {
                    slots.Release();
                    await _wake.WaitAsync(settings.PollInterval, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }

        // Attempts in flight see the stopping token, record themselves as interrupted and end.
        await Task.WhenAll(_running.Keys);
    }

    /// <summary>Claims one due callback and starts sending it; false when none is due.</summary>
    private async Task<bool> TryStartOneAsync(SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        var scope = scopeFactory.CreateAsyncScope();
        Orchestration? claimed;
        try
        {
            claimed = await scope.ServiceProvider.GetRequiredService<CallbackDelivery>().ClaimNextAsync(stoppingToken);
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }

        if (claimed is null)
        {
            await scope.DisposeAsync();
            return false;
        }

        var delivery = Task.Run(() => DeliverAsync(scope, claimed, slots, stoppingToken), CancellationToken.None);
        _running.TryAdd(delivery, 0);
        _ = delivery.ContinueWith(done => _running.TryRemove(done, out _), TaskScheduler.Default);
        return true;
    }

    private async Task DeliverAsync(AsyncServiceScope scope, Orchestration claimed, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<CallbackDelivery>().DeliverAsync(claimed, stoppingToken);
            if (outcome is { State: CallbackState.Pending, NextAttemptAt: { } next })
            {
                WakeAt(next, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown; the attempt handed itself back.
        }
        catch (StoreUnavailableException unavailable)
        {
            logger.LogWarning(
                "Outcome of a callback attempt of orchestration {OrchestrationId} not recorded ({Reason}); it is tried again when its claim runs out",
                claimed.Id, unavailable.Message);
        }
        catch (Exception exception)
        {
            // The claim runs out and the callback is tried again; one bad attempt must not stop the dispatcher.
            logger.LogError(exception, "Callback attempt of orchestration {OrchestrationId} failed unexpectedly", claimed.Id);
        }
        finally
        {
            await scope.DisposeAsync();
            slots.Release();
        }
    }

    /// <summary>A retry due before the next poll is woken for, so short backoffs are kept.</summary>
    private void WakeAt(DateTimeOffset next, CancellationToken stoppingToken)
    {
        // A timer may fire a little before the wall clock reaches the due time; a claim a moment early would find nothing.
        var delay = next - timeProvider.GetUtcNow() + WakeMargin;
        if (delay >= options.Value.PollInterval)
        {
            return;
        }

        _ = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, timeProvider, stoppingToken)
            .ContinueWith(waited => { if (!waited.IsCanceled) { Wake(); } }, TaskScheduler.Default);
    }

    private void LogClaimFailure(Exception exception)
    {
        if (exception is StoreUnavailableException)
        {
            logger.LogWarning("Could not look for due callbacks: {Reason}", exception.Message);
        }
        else
        {
            logger.LogError(exception, "Could not look for due callbacks");
        }
    }
}
