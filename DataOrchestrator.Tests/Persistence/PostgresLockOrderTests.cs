using DataOrchestrator.Application.Workers;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence.Postgres;
using DataOrchestrator.Tests.Support.Builders;
using DataOrchestrator.Tests.Support.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace DataOrchestrator.Tests.Persistence;

/// <summary>
/// Every PostgreSQL statement that locks several item rows takes them in key order, whatever order it was handed them
/// in (issue 17): otherwise two of them each hold a row the other waits for, and PostgreSQL breaks the deadlock after a
/// second by failing one, which for a batch of saves failed every item in it. Each statement below is handed item 1
/// before item 0 while another transaction holds item 0: in key order it waits for item 0 holding nothing, so item 1
/// is still free.
/// </summary>
public sealed class PostgresLockOrderTests
{
    private PostgresDatabase _database = null!;
    private PostgresInstance _instance = null!;
    private Orchestration _orchestration = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        _instance = new PostgresInstance();
        _orchestration = new OrchestrationBuilder().WithItem(ItemStatus.TransferRequested).WithItem(ItemStatus.TransferRequested).Build();
        await _database.Repository(_instance).AddAsync(_orchestration, CancellationToken.None);
        await using var lease = _database.DataSource.CreateCommand(
            "UPDATE orchestration_items SET lease_owner = @owner, lease_expires_at = now() + interval '1 minute' WHERE orchestration_id = @id");
        lease.Parameters.AddWithValue("owner", _instance.Id);
        lease.Parameters.AddWithValue("id", _orchestration.Id);
        await lease.ExecuteNonQueryAsync();
    }

    [TearDown]
    public async Task TearDownAsync() => await _database.DisposeAsync();

    private static readonly string[] Statements = ["batch save", "progress write", "lease extension", "lease release", "release with a claim"];

    [TestCaseSource(nameof(Statements))]
    public async Task ShouldLockItemsInKeyOrder_WhateverOrderItIsGivenThem(string statement)
    {
        await using var other = await _database.DataSource.OpenConnectionAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await LockItemAsync(other, 0, noWait: false);

        var running = RunAsync(statement, [1, 0]);
        await WaitUntilAStatementWaitsForALockAsync(running);

        Assert.DoesNotThrowAsync(
            () => LockItemAsync(other, 1, noWait: true),
            $"{statement} held item 1 while it waited for item 0: it locks items in the order it was given them");
        await transaction.CommitAsync();
        Assert.DoesNotThrowAsync(async () => await running, $"{statement} failed once item 0 was free");
    }

    [Test]
    public async Task ShouldWriteABatchOfSavesAgain_WhenPostgresFailedItToBreakADeadlock()
    {
        var saves = new PostgresItemSaves(_database.DataSource, _instance, TimeProvider.System);
        await using var other = await _database.DataSource.OpenConnectionAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await LockItemAsync(other, 0, noWait: false);
        var saving = saves.SaveItemAsync(_orchestration.Id, _orchestration.Items[0] with { Status = ItemStatus.Downloading, TransferId = "tp-0" }, CancellationToken.None);
        await WaitUntilAStatementWaitsForALockAsync(saving);

        // The save holds the orchestration's row and waits for item 0; taking that row here closes the circle, and
        // PostgreSQL fails the save, which waited longer (it checks for deadlocks first).
        await using var lockOrchestration = new NpgsqlCommand("SELECT 1 FROM orchestrations WHERE id = @id FOR UPDATE", other);
        lockOrchestration.Parameters.AddWithValue("id", _orchestration.Id);
        await lockOrchestration.ExecuteNonQueryAsync();
        await transaction.CommitAsync();

        var saved = await saving;
        var stored = await _database.Repository(_instance).FindAsync(_orchestration.Id, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(saved.After, Is.EqualTo(ProcessStatus.TransferRequested));
            Assert.That(stored!.Items[0].Status, Is.EqualTo(ItemStatus.Downloading));
        });
    }

    private Task RunAsync(string statement, int[] indexes)
    {
        var leases = new PostgresLeases(_database.DataSource, _instance, PostgresDatabase.Options());
        var works = indexes.Select(i => new ItemWork(_orchestration.Id, i)).ToArray();
        return statement switch
        {
            "batch save" => CallAsync(
                "SELECT count(*) FROM save_orchestration_items(@ids, @indexes, @items, @statuses, @finished, @owner, @nows, @stages, @stageStatuses)",
                command =>
                {
                    command.Parameters.AddWithValue("finished", indexes.Select(_ => false).ToArray());
                    command.Parameters.AddWithValue("nows", indexes.Select(_ => DateTimeOffset.UtcNow).ToArray());
                },
                indexes),
            "progress write" => CallAsync(
                "SELECT save_item_progress(@ids, @indexes, @items, @statuses, @owner, @now, @stages, @stageStatuses)",
                command => command.Parameters.AddWithValue("now", DateTimeOffset.UtcNow),
                indexes),
            "lease extension" => leases.ExtendAsync(works, CancellationToken.None),
            "lease release" => leases.ReleaseAsync(works),
            "release with a claim" => leases.ClaimAsync(0, works, CancellationToken.None),
            _ => throw new ArgumentOutOfRangeException(nameof(statement), statement, null),
        };
    }

    /// <summary>One of the save functions, handed the items at <paramref name="indexes"/> as started downloads.</summary>
    private async Task CallAsync(string sql, Action<NpgsqlCommand> addParameters, int[] indexes)
    {
        var items = indexes.Select(i => _orchestration.Items[i] with { Status = ItemStatus.Downloading, TransferId = "tp-" + i }).ToArray();
        await using var command = _database.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("ids", items.Select(_ => _orchestration.Id).ToArray());
        command.Parameters.AddWithValue("indexes", indexes);
        command.Parameters.AddWithValue("items", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, items.Select(OrchestrationRows.ToJson).ToArray());
        command.Parameters.AddWithValue("statuses", items.Select(i => i.Status.ToWireName()).ToArray());
        command.Parameters.AddWithValue("owner", _instance.Id);
        command.Parameters.AddWithValue("stages", PostgresItemSaves.StageNames);
        command.Parameters.AddWithValue("stageStatuses", PostgresItemSaves.StageProcessStatuses);
        addParameters(command);
        await command.ExecuteNonQueryAsync();
    }

    private async Task LockItemAsync(NpgsqlConnection connection, int index, bool noWait)
    {
        await using var command = new NpgsqlCommand(
            "SELECT 1 FROM orchestration_items WHERE orchestration_id = @id AND item_index = @index FOR NO KEY UPDATE" + (noWait ? " NOWAIT" : string.Empty),
            connection);
        command.Parameters.AddWithValue("id", _orchestration.Id);
        command.Parameters.AddWithValue("index", index);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Until a session of this database waits for a row lock (the statement under test, blocked on item 0).</summary>
    private async Task WaitUntilAStatementWaitsForALockAsync(Task running)
    {
        await using var waiting = _database.DataSource.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        while ((long)(await waiting.ExecuteScalarAsync())! == 0)
        {
            Assert.That(running.IsCompleted, Is.False, "the statement finished without waiting for item 0, which another transaction holds");
            await Task.Delay(10);
        }
    }
}
