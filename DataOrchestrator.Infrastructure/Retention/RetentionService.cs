using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Retention;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Infrastructure.Retention;

/// <summary>
/// Runs the retention sweep shortly after start and then every sweep interval; does nothing when retention is off.
/// A failed sweep is logged and the next one comes at the next interval.
/// </summary>
internal sealed class RetentionService(
    RetentionSweeper sweeper,
    IOptions<RetentionOptions> options,
    TimeProvider timeProvider,
    ILogger<RetentionService> logger) : BackgroundService
{
    // Soon, but not in the middle of start-up; a shorter sweep interval wins.
    private static readonly TimeSpan FirstSweepDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogInformation("Retention is off (RETENTION_DAYS=0): finished orchestrations and their files are kept");
            return;
        }

        logger.LogInformation("Retention removes finished orchestrations after {Days} days, sweeping every {SweepInterval}", settings.Days, settings.SweepInterval);
        try
        {
            await Task.Delay(settings.SweepInterval < FirstSweepDelay ? settings.SweepInterval : FirstSweepDelay, timeProvider, stoppingToken);
            using var timer = new PeriodicTimer(settings.SweepInterval, timeProvider);
            do
            {
                await SweepAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        try
        {
            await sweeper.SweepAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (StoreUnavailableException exception)
        {
            logger.LogWarning("Retention sweep skipped, the store is unavailable ({Reason}); trying again at the next interval", exception.Message);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Retention sweep failed; trying again at the next interval");
        }
    }
}
