using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence.Postgres;
using DataOrchestrator.Tests.Support.Builders;
using DataOrchestrator.Tests.Support.Postgres;

namespace DataOrchestrator.Tests.Persistence;

/// <summary>
/// Item progress in PostgreSQL is written in batches (issue 17): visible at once to the instance that saved it, to the
/// others after a flush, and never over a later save, a finished item, a cancel or another instance's lease.
/// </summary>
public sealed class PostgresProgressWritesTests
{
    private PostgresDatabase _database = null!;
    private PostgresInstance _instance = null!;
    private PostgresOrchestrationRepository _repository = null!;
    private PostgresOrchestrationRepository _otherInstance = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        _instance = new PostgresInstance();
        _repository = (PostgresOrchestrationRepository)_database.Repository(_instance);
        _otherInstance = (PostgresOrchestrationRepository)_database.Repository();
    }

    [TearDown]
    public async Task TearDownAsync() => await _database.DisposeAsync();

    private async Task<Orchestration> AddAsync(params ItemStatus[] statuses)
    {
        var builder = new OrchestrationBuilder();
        foreach (var status in statuses)
        {
            builder.WithItem(status);
        }

        var orchestration = builder.Build();
        await _repository.AddAsync(orchestration, CancellationToken.None);
        return orchestration;
    }

    private static OrchestrationItem Downloading(Orchestration orchestration, int index, long bytes) =>
        orchestration.Items[index] with { Status = ItemStatus.Downloading, TransferId = "tp-1", BytesDownloaded = bytes };

    [Test]
    public async Task ShouldShowProgressToItsOwnInstanceAtOnce_AndToOthersAfterOneFlush_InOneStatementForAll()
    {
        var first = await AddAsync(ItemStatus.TransferRequested, ItemStatus.TransferRequested);
        var second = await AddAsync(ItemStatus.TransferRequested);
        await _repository.SaveItemAsync(first.Id, Downloading(first, 0, 10), CancellationToken.None);
        await _repository.SaveItemAsync(first.Id, Downloading(first, 1, 20), CancellationToken.None);
        await _repository.SaveItemAsync(second.Id, Downloading(second, 0, 30), CancellationToken.None);

        var ownBefore = await _repository.FindAsync(first.Id, CancellationToken.None);
        var otherBefore = await _otherInstance.FindAsync(first.Id, CancellationToken.None);
        var written = await _repository.FlushProgressAsync(CancellationToken.None);
        var otherAfter = await _otherInstance.FindAsync(first.Id, CancellationToken.None);
        var listed = await _otherInstance.ListAsync(10, null, new OrchestrationFilter(new HashSet<ProcessStatus> { ProcessStatus.Downloading }), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(ownBefore!.Items.Select(i => i.BytesDownloaded), Is.EqualTo(new long?[] { 10, 20 }));
            Assert.That(otherBefore!.Items.Select(i => i.Status), Is.All.EqualTo(ItemStatus.TransferRequested), "not written yet");
            Assert.That(written, Is.EqualTo(3));
            Assert.That(otherAfter!.Items.Select(i => i.BytesDownloaded), Is.EqualTo(new long?[] { 10, 20 }));
            Assert.That(listed.Orchestrations.Select(o => o.Id), Is.EquivalentTo(new[] { first.Id, second.Id }), "the derived status column moved too");
        });
    }

    /// <summary>
    /// Issue 17: the orchestration's row, whose status and update time are indexed, is written only when a save changes
    /// the derived status; a save that does not change it leaves the row alone, and the update time a read reports still
    /// moves, taken from the item's own.
    /// </summary>
    [Test]
    public async Task ShouldWriteTheOrchestrationRowOnlyWhenItsStatusChanges_AndStillReportTheLatestUpdate()
    {
        var orchestration = await AddAsync(ItemStatus.Queued, ItemStatus.Queued);
        var rowBefore = await RowVersionAsync(orchestration.Id);
        var before = await _otherInstance.FindAsync(orchestration.Id, CancellationToken.None);

        // A durable save (an attempt key without a transfer id) of the first item: the second is still queued, so the
        // orchestration stays QUEUED.
        var requested = orchestration.Items[0] with { Status = ItemStatus.TransferRequested, TransferAttemptKey = "attempt-1" };
        await _repository.SaveItemAsync(orchestration.Id, requested, CancellationToken.None);
        var rowAfterUnchanged = await RowVersionAsync(orchestration.Id);
        var after = await _otherInstance.FindAsync(orchestration.Id, CancellationToken.None);

        await _repository.SaveItemAsync(orchestration.Id, orchestration.Items[1] with { Status = ItemStatus.TransferRequested, TransferAttemptKey = "attempt-2" }, CancellationToken.None);
        var rowAfterChange = await RowVersionAsync(orchestration.Id);
        var changed = await _otherInstance.FindAsync(orchestration.Id, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(after!.Items[0].Status, Is.EqualTo(ItemStatus.TransferRequested), "the item was saved");
            Assert.That(rowAfterUnchanged, Is.EqualTo(rowBefore), "the orchestration row was rewritten although its status stayed QUEUED");
            Assert.That(after.UpdatedAt, Is.GreaterThan(before!.UpdatedAt), "the update time of the item's save");
            Assert.That(rowAfterChange.Status, Is.EqualTo("TRANSFER_REQUESTED"), "a status change is written to the row");
            Assert.That(rowAfterChange.Version, Is.Not.EqualTo(rowBefore.Version));
            Assert.That(changed!.UpdatedAt, Is.GreaterThan(after.UpdatedAt));
        });
    }

    /// <summary>The transaction that last wrote the orchestration's row, and the status column.</summary>
    private async Task<(string Version, string Status)> RowVersionAsync(Guid id)
    {
        await using var command = _database.DataSource.CreateCommand("SELECT xmin::text, process_status FROM orchestrations WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetString(1));
    }

    [Test]
    public async Task ShouldNeverWriteProgressOverALaterSave()
    {
        var orchestration = await AddAsync(ItemStatus.TransferRequested);
        await _repository.SaveItemAsync(orchestration.Id, Downloading(orchestration, 0, 10), CancellationToken.None);
        var saved = Downloading(orchestration, 0, 10) with { Status = ItemStatus.Saved, Bytes = 10 };
        var finished = await _repository.SaveItemAsync(orchestration.Id, saved, CancellationToken.None);

        var written = await _repository.FlushProgressAsync(CancellationToken.None);
        var stored = await _otherInstance.FindAsync(orchestration.Id, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(finished.FinishedOrchestration, Is.True);
            Assert.That(written, Is.Zero, "the save dropped the kept progress");
            Assert.That(stored!.Items[0].Status, Is.EqualTo(ItemStatus.Saved));
            Assert.That(stored.ProcessStatus, Is.EqualTo(ProcessStatus.Completed));
        });
    }

    [Test]
    public async Task ShouldSkipFinishedItems_CancelledOrchestrations_AndItemsLeasedByAnotherInstance()
    {
        var finishedElsewhere = await AddAsync(ItemStatus.TransferRequested);
        var cancelled = await AddAsync(ItemStatus.TransferRequested);
        var leasedElsewhere = await AddAsync(ItemStatus.TransferRequested);
        await _repository.SaveItemAsync(finishedElsewhere.Id, Downloading(finishedElsewhere, 0, 1), CancellationToken.None);
        await _repository.SaveItemAsync(cancelled.Id, Downloading(cancelled, 0, 1), CancellationToken.None);
        await _repository.SaveItemAsync(leasedElsewhere.Id, Downloading(leasedElsewhere, 0, 1), CancellationToken.None);
        await _otherInstance.SaveItemAsync(finishedElsewhere.Id, finishedElsewhere.Items[0] with { Status = ItemStatus.Failed }, CancellationToken.None);
        await _otherInstance.RequestCancelAsync(cancelled.Id, DateTimeOffset.UtcNow, CancellationToken.None);
        await using (var lease = _database.DataSource.CreateCommand("UPDATE orchestration_items SET lease_owner = 'another', lease_expires_at = now() + interval '1 minute' WHERE orchestration_id = @id"))
        {
            lease.Parameters.AddWithValue("id", leasedElsewhere.Id);
            await lease.ExecuteNonQueryAsync();
        }

        var written = await _repository.FlushProgressAsync(CancellationToken.None);
        var stored = await Task.WhenAll(new[] { finishedElsewhere, cancelled, leasedElsewhere }.Select(o => _otherInstance.FindAsync(o.Id, CancellationToken.None)));

        Assert.Multiple(() =>
        {
            Assert.That(written, Is.Zero);
            Assert.That(stored.Select(o => o!.Items[0].Status), Is.EqualTo(new[] { ItemStatus.Failed, ItemStatus.TransferRequested, ItemStatus.TransferRequested }));
        });
    }

    [Test]
    public async Task ShouldWriteAResumeCriticalSaveAtOnce()
    {
        var orchestration = await AddAsync(ItemStatus.Queued);
        await _repository.SaveItemAsync(orchestration.Id, orchestration.Items[0] with { Status = ItemStatus.TransferRequested, TransferId = "tp-9" }, CancellationToken.None);

        var stored = await _otherInstance.FindAsync(orchestration.Id, CancellationToken.None);

        Assert.That(stored!.Items[0].TransferId, Is.EqualTo("tp-9"));
    }
}
