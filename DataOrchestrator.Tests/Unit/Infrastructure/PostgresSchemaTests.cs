using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence.Postgres;

namespace DataOrchestrator.Tests.Unit.Infrastructure;

public sealed class PostgresSchemaTests
{
    private static int[] Pending(params int[] applied) => PostgresSchema.Pending(applied.ToHashSet()).Select(m => m.Version).ToArray();

    [Test]
    public void ShouldApplyEveryUnrecordedMigrationInOrder_NotOnlyThoseAboveTheHighestRecorded()
    {
        var all = PostgresSchema.Migrations.Select(m => m.Version).Order().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(Pending(), Is.EqualTo(all));
            Assert.That(Pending(1, 2, 3, 4), Is.EqualTo(new[] { 5 }));
            Assert.That(Pending(1, 2, 3, 5), Is.EqualTo(new[] { 4 }), "a database that got a later number first still gets the earlier one");
            Assert.That(Pending(all), Is.Empty);
        });
    }

    [Test]
    public void ShouldSpellTheDomainsTerminalStatuses_InTheDueCallbackPredicate()
    {
        var terminal = Enum.GetValues<ProcessStatus>().Where(s => s.IsTerminal()).Select(s => $"'{s.ToWireName()}'");
        var migration = PostgresSchema.Migrations.Single(m => m.Version == 5).Sql;

        Assert.Multiple(() =>
        {
            Assert.That(CallbackColumns.TerminalStatuses.Trim('(', ')').Split(", "), Is.EquivalentTo(terminal));
            Assert.That(migration, Does.Contain("process_status IN " + CallbackColumns.TerminalStatuses), "the query's predicate must match the index's to use it");
        });
    }
}
