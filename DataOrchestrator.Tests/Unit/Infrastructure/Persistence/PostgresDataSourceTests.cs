using DataOrchestrator.Infrastructure.Persistence.Postgres;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Persistence;

public sealed class PostgresDataSourceTests
{
    [Test]
    public async Task ShouldPrepareStatementsAndSkipTheResetOnClose_UnlessTheConnectionStringSaysOtherwise()
    {
        await using var tuned = PostgresDataSource.Create("Host=127.0.0.1;Username=postgres");
        await using var own = PostgresDataSource.Create("Host=127.0.0.1;Username=postgres;Max Auto Prepare=0;NoResetOnClose=false");
        var tunedSettings = new Npgsql.NpgsqlConnectionStringBuilder(tuned.ConnectionString);
        var ownSettings = new Npgsql.NpgsqlConnectionStringBuilder(own.ConnectionString);

        Assert.Multiple(() =>
        {
            Assert.That(tunedSettings.MaxAutoPrepare, Is.EqualTo(PostgresDataSource.AutoPreparedStatements));
            Assert.That(tunedSettings.NoResetOnClose, Is.True);
            Assert.That(ownSettings.MaxAutoPrepare, Is.Zero);
            Assert.That(ownSettings.NoResetOnClose, Is.False);
        });
    }
}
