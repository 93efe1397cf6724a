using System.Globalization;
using DataOrchestrator.Infrastructure.Persistence.Postgres;
using DataOrchestrator.Testing.Postgres;
using DataOrchestrator.Tests.Support.Hosting;
using Npgsql;

namespace DataOrchestrator.Tests.Functional;

/// <summary>
/// What an item costs the database (issue 17, docs/operations/postgresql.md#statements-per-item), counted by
/// PostgreSQL itself (<c>pg_stat_statements</c>) while the whole service runs a batch of orchestrations.
/// </summary>
[NonParallelizable]
public sealed class PostgresStatementsTests
{
    private const int Orchestrations = 2;
    private const int ItemsEach = 60;

    [Test]
    public async Task ShouldSendFewStatementsPerItem_OnTheHappyPath_AmortisedOverABatch()
    {
        var server = await PostgresCluster.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await using var observer = PostgresDataSource.Create(connectionString);
        await ExecuteAsync(observer, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Persistence:Backend"] = "postgres",
            ["Persistence:ConnectionString"] = connectionString,
            ["Workers:Count"] = "16",
        });

        // Warm: the pools have their connections and every statement has run once.
        await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest("warm-a", "warm-b")));
        await ExecuteAsync(observer, "SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)");

        // A batch: the items wait in the queue while the workers run, each EDC call taking 10 ms, as in a backlog.
        for (var i = 0; i < Orchestrations; i++)
        {
            var contracts = Enumerable.Range(0, ItemsEach).Select(j => $"batch-{i}-{j}").ToArray();
            foreach (var contract in contracts)
            {
                harness.Simulator.State.SetBehaviour(contract, new() { LatencyMs = 10 });
            }

            await harness.SubmitAsync(harness.ExampleRequest(contracts));
        }

        // Watched in the database, not through GET /status, whose reads would be counted with the service's own.
        await Eventually.UntilAsync(
            async () => await ScalarAsync(observer, "SELECT count(*) FILTER (WHERE finished) = count(*) FROM orchestration_items /* test */") is true,
            TimeSpan.FromSeconds(60),
            "every item finished");

        var statements = await StatementsAsync(observer);
        var items = (double)Orchestrations * ItemsEach;
        double PerItem(params string[] markers) =>
            statements.Where(s => markers.Any(m => s.Query.Contains(m, StringComparison.Ordinal))).Sum(s => s.Calls) / items;
        var itemPath = PerItem("save_orchestration_item", "save_item_progress", "FOR UPDATE SKIP LOCKED", "FROM orchestrations o JOIN orchestration_items i");
        var submissions = PerItem("INSERT INTO orchestrations", "SELECT 1 FROM orchestration_items WHERE NOT finished");
        var all = statements.Where(s => !s.Query.Contains("/* test */", StringComparison.Ordinal) && !s.Query.Contains("pg_stat_statements", StringComparison.Ordinal)).Sum(s => s.Calls) / items;
        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"per item: {itemPath:0.00} on the item's path, {submissions:0.00} for submitting, {all:0.00} in all\n") +
            string.Join('\n', statements.OrderByDescending(s => s.Calls).Select(s => $"{s.Calls,6} {s.Query.ReplaceLineEndings(" ")[..Math.Min(110, s.Query.ReplaceLineEndings(" ").Length)]}")));

        Assert.Multiple(() =>
        {
            // The read (1), the saves of the transfer id and of the final result (2 per item, written with the saves of
            // other workers that wait at the same time: about 0.8 here), claims and progress amortised (about 0.25).
            // Without group commit it was 3.3; issue 17 asks for at most 3.
            Assert.That(itemPath, Is.LessThanOrEqualTo(3.0), "read, transfer id, final result; saves, claims and progress amortised");
            Assert.That(submissions, Is.LessThanOrEqualTo(0.75), "one statement per orchestration, the admission count now and then");
            Assert.That(all, Is.LessThanOrEqualTo(4.0), "with the heartbeat, cancel checks and callback polls of the run");
        });
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<List<(string Query, long Calls)>> StatementsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT query, calls FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) /* test */");
        await using var reader = await command.ExecuteReaderAsync();
        var statements = new List<(string, long)>();
        while (await reader.ReadAsync())
        {
            statements.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return statements;
    }
}
