using DataOrchestrator.Application.Workers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// A cancel that reached another instance: this one learns it from the database and aborts its own running items of
/// that orchestration, at most one check interval later (four poll intervals: 1 s by default). Costs one indexed read
/// per interval, and none while no item runs here.
/// </summary>
internal sealed partial class PostgresCancelWatcher(
    NpgsqlDataSource dataSource,
    RunningOrchestrations running,
    IOptions<PersistenceOptions> persistence,
    ILogger<PostgresCancelWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(persistence.Value.PollIntervalMs * 4));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var ids = running.Ids();
                if (ids.Count == 0)
                {
                    continue;
                }

                try
                {
                    foreach (var cancelled in await CancelledAmongAsync(ids, stoppingToken))
                    {
                        running.Cancel(cancelled);
                    }
                }
                catch (Exception exception) when (PostgresErrors.IsUnavailable(exception))
                {
                    Log.CheckFailed(logger, exception.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task<List<Guid>> CancelledAmongAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM orchestrations WHERE id = ANY(@ids) AND cancel_requested_at IS NOT NULL");
        command.Parameters.AddWithValue("ids", ids.ToArray());
        var cancelled = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            cancelled.Add(reader.GetGuid(0));
        }

        return cancelled;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check for cancelled orchestrations: {Reason}")]
        public static partial void CheckFailed(ILogger logger, string reason);
    }
}
