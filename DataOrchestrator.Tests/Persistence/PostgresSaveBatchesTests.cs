using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence.Postgres;
using DataOrchestrator.Tests.Support.Builders;
using DataOrchestrator.Tests.Support.Postgres;

namespace DataOrchestrator.Tests.Persistence;

/// <summary>
/// Durable item saves of concurrent workers share a statement and a commit (group commit, issue 17), and behave as if
/// written one by one: the siblings of one orchestration see each other, and exactly one learns it finished it.
/// </summary>
public sealed class PostgresSaveBatchesTests
{
    private PostgresDatabase _database = null!;
    private PostgresOrchestrationRepository _repository = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        _repository = (PostgresOrchestrationRepository)_database.Repository();
        await using var extension = _database.DataSource.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        await extension.ExecuteNonQueryAsync();
    }

    [TearDown]
    public async Task TearDownAsync() => await _database.DisposeAsync();

    [Test]
    public async Task ShouldWriteSavesThatArriveTogether_InFewerStatementsThanSaves()
    {
        var orchestrations = new List<Orchestration>();
        for (var i = 0; i < 20; i++)
        {
            var orchestration = new OrchestrationBuilder().WithItem(ItemStatus.Queued).Build();
            await _repository.AddAsync(orchestration, CancellationToken.None);
            orchestrations.Add(orchestration);
        }

        var before = await SaveStatementsAsync();
        var saves = orchestrations.Select(o => _repository.SaveItemAsync(o.Id, Saved(o.Items[0]), CancellationToken.None)).ToArray();
        var results = await Task.WhenAll(saves);
        var statements = await SaveStatementsAsync() - before;

        var stored = await Task.WhenAll(orchestrations.Select(o => _repository.FindAsync(o.Id, CancellationToken.None)));
        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.After), Is.All.EqualTo(ProcessStatus.Completed));
            Assert.That(stored.Select(o => o!.Items[0].Status), Is.All.EqualTo(ItemStatus.Saved));
            Assert.That(statements, Is.InRange(1, 19), "20 saves that arrived together, each in its own statement");
        });
    }

    [Test]
    public async Task ShouldLetExactlyOneSiblingLearnItFinishedTheOrchestration_WhenBothAreSavedTogether()
    {
        for (var round = 0; round < 10; round++)
        {
            var orchestration = new OrchestrationBuilder().WithItem(ItemStatus.Queued).WithItem(ItemStatus.Queued).Build();
            await _repository.AddAsync(orchestration, CancellationToken.None);

            var results = await Task.WhenAll(orchestration.Items.Select(i => _repository.SaveItemAsync(orchestration.Id, Saved(i), CancellationToken.None)));

            Assert.That(
                results.Count(r => r.After == ProcessStatus.Completed && r.Before != ProcessStatus.Completed), Is.EqualTo(1),
                $"round {round}: {string.Join(", ", results)}");
            Assert.That(results.Select(r => r.After), Does.Contain(ProcessStatus.Completed));
        }
    }

    private static OrchestrationItem Saved(OrchestrationItem item) => item with
    {
        Status = ItemStatus.Saved, TransferId = "tp-" + item.Index, Bytes = 1, StoragePath = "./data/f" + item.Index,
    };

    /// <summary>Calls of the batch save so far (pg_stat_statements).</summary>
    private async Task<long> SaveStatementsAsync()
    {
        await using var command = _database.DataSource.CreateCommand(
            "SELECT coalesce(sum(calls), 0)::bigint FROM pg_stat_statements WHERE query LIKE '%save_orchestration_items(%' AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
