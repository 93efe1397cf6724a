using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Tests.Support.Builders;

namespace DataOrchestrator.Tests.Persistence;

/// <summary>
/// <see cref="IOrchestrationRepository.SummarizeAsync"/>, with items saved through the repository as the pipeline saves
/// them: the counts are the process statuses reads answer, progress not yet written included, and finished items count
/// in the minute of their <c>finished_at</c>, within the range only.
/// </summary>
public abstract partial class OrchestrationRepositoryContract
{
    private static readonly DateTimeOffset M0 = new(2025, 5, 22, 8, 40, 0, TimeSpan.Zero);

    private static OrchestrationItem FinishedItem(int index, ItemStatus status, DateTimeOffset at) =>
        OrchestrationBuilder.Item(index, status) with { StartedAt = M0.AddMinutes(-10), FinishedAt = at };

    private async Task<Orchestration> AddWithSavesAsync(params OrchestrationItem[] saves)
    {
        var orchestration = new OrchestrationBuilder().WithItem().WithItem().Build();
        await _repository.AddAsync(orchestration, CancellationToken.None);
        foreach (var item in saves)
        {
            await _repository.SaveItemAsync(orchestration.Id, item, CancellationToken.None);
        }

        return orchestration;
    }

    [Test]
    public async Task ShouldCountEveryOrchestrationByTheProcessStatusReadsAnswer()
    {
        await AddWithSavesAsync(FinishedItem(0, ItemStatus.Saved, M0), FinishedItem(1, ItemStatus.Failed, M0));
        await AddWithSavesAsync(FinishedItem(0, ItemStatus.Saved, M0), FinishedItem(1, ItemStatus.Saved, M0));
        await AddWithSavesAsync(FinishedItem(0, ItemStatus.Failed, M0), FinishedItem(1, ItemStatus.Failed, M0));
        await AddWithSavesAsync();
        // Download progress, which PostgreSQL keeps in memory until its next flush: reads already answer DOWNLOADING.
        await AddWithSavesAsync(FinishedItem(1, ItemStatus.Saved, M0), OrchestrationBuilder.Item(0, ItemStatus.Downloading) with { BytesDownloaded = 5 });
        var cancelled = await AddWithSavesAsync();
        await _repository.RequestCancelAsync(cancelled.Id, M0, CancellationToken.None);
        await _repository.SaveItemAsync(cancelled.Id, FinishedItem(0, ItemStatus.Cancelled, M0), CancellationToken.None);
        await _repository.SaveItemAsync(cancelled.Id, FinishedItem(1, ItemStatus.Cancelled, M0), CancellationToken.None);

        var summary = await _repository.SummarizeAsync(M0, M0.AddMinutes(1), CancellationToken.None);

        var listed = (await _repository.ListAsync(100, null, OrchestrationFilter.None, CancellationToken.None)).Orchestrations;
        Assert.Multiple(() =>
        {
            Assert.That(summary.ProcessCounts.Where(c => c.Value != 0), Is.EquivalentTo(new Dictionary<ProcessStatus, long>
            {
                [ProcessStatus.PartiallyCompleted] = 1, [ProcessStatus.Completed] = 1, [ProcessStatus.Failed] = 1, [ProcessStatus.Queued] = 1,
                [ProcessStatus.Downloading] = 1, [ProcessStatus.Cancelled] = 1,
            }));
            Assert.That(
                summary.ProcessCounts.Where(c => c.Value != 0),
                Is.EquivalentTo(listed.GroupBy(o => o.ProcessStatus).ToDictionary(g => g.Key, g => (long)g.Count())),
                "the counts are what the listing shows");
        });
    }

    [Test]
    public async Task ShouldCountFinishedItemsByMinuteAndFinalStatus_WithinTheRangeOnly()
    {
        await AddWithSavesAsync(FinishedItem(0, ItemStatus.Saved, M0), FinishedItem(1, ItemStatus.Failed, M0.AddSeconds(90)));
        await AddWithSavesAsync(FinishedItem(0, ItemStatus.Saved, M0.AddTicks(-10)), FinishedItem(1, ItemStatus.Saved, M0.AddMinutes(3)));
        var retried = await AddWithSavesAsync(FinishedItem(0, ItemStatus.Failed, M0.AddMinutes(3).AddTicks(-10)), FinishedItem(1, ItemStatus.Failed, M0.AddSeconds(121)));
        await _repository.RetryItemsAsync(retried.Id, new HashSet<int> { 1 }, M0.AddMinutes(4), CancellationToken.None);
        var cancelled = await AddWithSavesAsync();
        await _repository.RequestCancelAsync(cancelled.Id, M0, CancellationToken.None);
        await _repository.SaveItemAsync(cancelled.Id, FinishedItem(0, ItemStatus.Cancelled, M0.AddSeconds(65)), CancellationToken.None);
        await _repository.SaveItemAsync(cancelled.Id, FinishedItem(1, ItemStatus.Cancelled, M0.AddSeconds(66)), CancellationToken.None);

        var summary = await _repository.SummarizeAsync(M0, M0.AddMinutes(3), CancellationToken.None);

        Assert.That(summary.Finished, Is.EquivalentTo(new[]
        {
            new FinishedItemCount(M0, ItemStatus.Saved, 1),
            new FinishedItemCount(M0.AddMinutes(1), ItemStatus.Failed, 1),
            new FinishedItemCount(M0.AddMinutes(1), ItemStatus.Cancelled, 2),
            new FinishedItemCount(M0.AddMinutes(2), ItemStatus.Failed, 1),
        }), "the range's start counts, its end and the retried item do not");
    }
}
