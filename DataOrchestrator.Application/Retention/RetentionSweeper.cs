using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Transfers.Storage;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Retention;

/// <summary>
/// One retention sweep: removes finished orchestrations whose last item finished more than the retention period ago,
/// their files first and their records after, batch by batch, then purges expired idempotency keys.
/// </summary>
/// <remarks>
/// Files go before records so a crash in between cannot orphan a file: the records are still due and the next sweep
/// finishes the job (a record whose file is already gone answers 404 for the file meanwhile). An orchestration whose
/// file could not be deleted keeps its record until a later sweep succeeds.
/// </remarks>
public sealed class RetentionSweeper(
    IOrchestrationRepository repository,
    IDataStore dataStore,
    IRetentionLock retentionLock,
    RetentionMetrics metrics,
    TimeProvider timeProvider,
    IOptions<RetentionOptions> options,
    ILogger<RetentionSweeper> logger)
{
    public async Task<RetentionSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return RetentionSweepResult.Skipped;
        }

        var held = await retentionLock.TryAcquireAsync(cancellationToken);
        if (held is null)
        {
            logger.LogDebug("Retention sweep skipped: another instance is sweeping");
            return RetentionSweepResult.Skipped;
        }

        await using (held)
        {
            var now = timeProvider.GetUtcNow();
            var (orchestrations, files, bytes) = await RemoveFinishedAsync(now - settings.Retention, settings.BatchSize, cancellationToken);
            var keys = await PurgeKeysAsync(now, settings.BatchSize, cancellationToken);
            var result = new RetentionSweepResult(true, orchestrations, files, bytes, keys);
            if (result.RemovedAnything)
            {
                logger.LogInformation(
                    "Retention removed {Orchestrations} orchestrations, {Files} files ({Bytes} bytes) and {IdempotencyKeys} expired idempotency keys",
                    orchestrations,
                    files,
                    bytes,
                    keys);
            }
            else
            {
                logger.LogDebug("Retention sweep found nothing to remove");
            }

            return result;
        }
    }

    private async Task<(int Orchestrations, int Files, long Bytes)> RemoveFinishedAsync(DateTimeOffset finishedBefore, int batchSize, CancellationToken cancellationToken)
    {
        var (orchestrations, files, bytes) = (0, 0, 0L);

        // Orchestrations whose files could not be deleted this sweep. They stay due and would head every batch, so
        // each query asks for that many more and passes over them.
        var stuck = new HashSet<Guid>();
        while (true)
        {
            var limit = batchSize + stuck.Count;
            var found = await repository.FindDueForRemovalAsync(finishedBefore, limit, cancellationToken);
            var due = found.Where(o => !stuck.Contains(o.Id)).ToArray();
            if (due.Length == 0)
            {
                break;
            }

            var (batchFiles, batchBytes) = (0, 0L);
            var filesGone = new List<Guid>(due.Length);
            foreach (var orchestration in due)
            {
                var (deletedFiles, deletedBytes, allGone) = await DeleteFilesAsync(orchestration, cancellationToken);
                (batchFiles, batchBytes) = (batchFiles + deletedFiles, batchBytes + deletedBytes);
                if (allGone)
                {
                    filesGone.Add(orchestration.Id);
                }
                else
                {
                    stuck.Add(orchestration.Id);
                }
            }

            var removed = filesGone.Count == 0 ? 0 : await repository.RemoveAsync(filesGone, finishedBefore, cancellationToken);
            metrics.Record(removed, batchFiles, batchBytes);
            (orchestrations, files, bytes) = (orchestrations + removed, files + batchFiles, bytes + batchBytes);

            // A short answer was the last batch. A batch in which nothing changed (everything re-checked as no longer
            // due) must not be asked for again and again.
            if (found.Count < limit || (removed == 0 && filesGone.Count > 0))
            {
                break;
            }
        }

        return (orchestrations, files, bytes);
    }

    /// <summary>Deletes the orchestration's saved files; <c>AllGone</c> is false when one could not be deleted (the record stays).</summary>
    private async Task<(int Files, long Bytes, bool AllGone)> DeleteFilesAsync(Orchestration orchestration, CancellationToken cancellationToken)
    {
        var (files, bytes) = (0, 0L);
        foreach (var item in orchestration.Items)
        {
            if (item.StoragePath is not { } storagePath)
            {
                continue;
            }

            try
            {
                if (await dataStore.DeleteSavedAsync(storagePath, cancellationToken) is { } size)
                {
                    files++;
                    bytes += size;
                }
            }
            catch (StorageException exception)
            {
                logger.LogWarning(
                    "Retention kept orchestration {OrchestrationId} for now: a file of item {ItemIndex} could not be deleted ({Reason})",
                    orchestration.Id,
                    item.Index,
                    exception.Message);
                return (files, bytes, false);
            }
        }

        return (files, bytes, true);
    }

    private async Task<int> PurgeKeysAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        var total = 0;
        int purged;
        do
        {
            purged = await repository.PurgeExpiredIdempotencyKeysAsync(now, batchSize, cancellationToken);
            total += purged;
        }
        while (purged == batchSize);

        return total;
    }
}
