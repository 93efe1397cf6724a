using DataOrchestrator.Application.Orchestrations.Errors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// Writes the item progress kept by <see cref="PostgresProgressWrites"/> once per <c>ProgressFlushMs</c>, and a last
/// time when the service stops (registered before the worker pool, so it stops after the workers).
/// </summary>
internal sealed partial class PostgresProgressFlusher(
    PostgresOrchestrationRepository repository, IOptions<PersistenceOptions> persistence, TimeProvider timeProvider, ILogger<PostgresProgressFlusher> logger)
    : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(persistence.Value.ProgressFlushMs), timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await repository.FlushProgressAsync(cancellationToken);
        }
        catch (StoreUnavailableException exception)
        {
            Log.FlushFailed(logger, exception.InnerException?.Message ?? exception.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.FlushFailed(logger, "the service is stopping");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Progress is never worth the service: a flush that fails for any other reason is logged, and the next one
            // writes what has moved since.
            Log.FlushError(logger, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Item progress was not written to PostgreSQL (the next save of each item brings it up to date): {Reason}")]
        public static partial void FlushFailed(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "Item progress could not be written to PostgreSQL")]
        public static partial void FlushError(ILogger logger, Exception exception);
    }
}
