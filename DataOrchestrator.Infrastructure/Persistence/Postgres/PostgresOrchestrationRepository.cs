using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Application.Orchestrations.Submit;
using DataOrchestrator.Domain.Orchestrations;
using Npgsql;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// Orchestrations in PostgreSQL: one row per orchestration, one per item (its state as jsonb next to the columns the
/// queue and listings use). Each job has its class: storing new ones (<see cref="PostgresSubmissions"/>), reading
/// (<see cref="PostgresOrchestrationQueries"/>, <see cref="PostgresSummary"/>), item saves and cancels (<see cref="PostgresItemSaves"/>) and retention
/// (<see cref="PostgresRetention"/>), all mapping rows through <see cref="OrchestrationRows"/>. Progress that a resume
/// does not need is written in batches (<see cref="PostgresProgressWrites"/>) and read back from there until written.
/// Here, an unreachable database becomes <see cref="Application.Orchestrations.Errors.StoreUnavailableException"/>.
/// </summary>
internal sealed class PostgresOrchestrationRepository(NpgsqlDataSource dataSource, PostgresInstance instance, TimeProvider timeProvider)
    : IOrchestrationRepository
{
    private readonly PostgresSubmissions _submissions = new(dataSource);
    private readonly PostgresOrchestrationQueries _queries = new(dataSource);
    private readonly PostgresItemSaves _saves = new(dataSource, instance, timeProvider);
    private readonly PostgresRetention _retention = new(dataSource);
    private readonly PostgresRetries _retries = new(dataSource);
    private readonly PostgresProgressWrites _progress = new(dataSource, instance, timeProvider);

    public bool KeepsWorkAcrossRestarts => true;

    public Task AddAsync(Orchestration orchestration, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(() => _submissions.AddAsync(orchestration, cancellationToken));

    public Task<IdempotentAdd> AddIdempotentAsync(Orchestration orchestration, IdempotencyKey key, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(() => _submissions.AddIdempotentAsync(orchestration, key, cancellationToken));

    public async Task<Orchestration?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await PostgresErrors.GuardAsync(() => _queries.FindAsync(id, cancellationToken)) is { } found ? _progress.Overlay(found) : null;

    public async Task<OrchestrationPage> ListAsync(int limit, long? before, OrchestrationFilter filter, CancellationToken cancellationToken)
    {
        var page = await PostgresErrors.GuardAsync(() => _queries.ListAsync(limit, before, filter, cancellationToken));
        return page with { Orchestrations = page.Orchestrations.Select(_progress.Overlay).ToList() };
    }

    public Task<OrchestrationSummary> SummarizeAsync(DateTimeOffset finishedFrom, DateTimeOffset finishedUntil, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(() => new PostgresSummary(dataSource, _progress).SummarizeAsync(finishedFrom, finishedUntil, cancellationToken));

    public async Task<ItemSaved> SaveItemAsync(Guid orchestrationId, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (PostgresProgressWrites.MayWait(item))
        {
            cancellationToken.ThrowIfCancellationRequested();
            _progress.Keep(orchestrationId, item);
            var stage = ProcessStatusRules.Aggregate([item.Status]);
            return new ItemSaved(stage, stage);
        }

        await _progress.SupersedeAsync(orchestrationId, item.Index);
        return await PostgresErrors.GuardAsync(() => _saves.SaveItemAsync(orchestrationId, item, cancellationToken));
    }

    /// <summary>Writes the kept progress of items (<see cref="PostgresProgressWrites"/>); answers how many were written.</summary>
    public Task<int> FlushProgressAsync(CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(() => _progress.FlushAsync(cancellationToken));

    public async Task<CancelRequest?> RequestCancelAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var marked = await PostgresErrors.GuardAsync(() => _saves.RequestCancelAsync(id, now, cancellationToken));
        return await FindAsync(id, cancellationToken) is { } orchestration ? new CancelRequest(orchestration, marked) : null;
    }

    public async Task<ItemsRetry?> RetryItemsAsync(Guid id, IReadOnlySet<int>? indexes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await PostgresErrors.GuardAsync(() => _retries.RetryItemsAsync(id, indexes, now, cancellationToken)) is not { } retry)
        {
            return null;
        }

        return await FindAsync(id, CancellationToken.None) is { } orchestration ? new ItemsRetry(orchestration, retry.Outcome, retry.Retried) : null;
    }

    public Task<IReadOnlyList<Orchestration>> FindDueForRemovalAsync(DateTimeOffset finishedBefore, int limit, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(() => _retention.FindDueForRemovalAsync(finishedBefore, limit, cancellationToken));

    public Task<int> RemoveAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset finishedBefore, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(() => _retention.RemoveAsync(ids, finishedBefore, cancellationToken));

    public Task<int> PurgeExpiredIdempotencyKeysAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(() => _retention.PurgeExpiredIdempotencyKeysAsync(now, limit, cancellationToken));
}
