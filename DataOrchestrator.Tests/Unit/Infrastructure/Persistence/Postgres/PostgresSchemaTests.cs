using DataOrchestrator.Infrastructure.Persistence.Postgres;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Persistence.Postgres;

public sealed class PostgresSchemaTests
{
    [Test]
    public void ShouldSpellTheDueCallbackIndexPredicate_AsTheClaimQueryDoes()
    {
        // The claim writes CallbackColumns.Pending and PostgresSchema.TerminalStatusList into its WHERE; the planner uses the partial index only when
        // the query's predicate matches the index's. (Another test keeps the list in step with ProcessStatusRules.)
        var migration = PostgresSchema.Migrations.Single(m => m.Version == 5).Sql;
        Assert.That(migration, Does.Contain($"WHERE callback_state = {CallbackColumns.Pending} AND process_status IN {PostgresSchema.TerminalStatusList}"));
    }
}
