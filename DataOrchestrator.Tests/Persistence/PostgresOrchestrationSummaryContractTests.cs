using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Tests.Support.Postgres;

namespace DataOrchestrator.Tests.Persistence;

public sealed class PostgresOrchestrationSummaryContractTests : OrchestrationSummaryContract
{
    private PostgresDatabase? _database;

    protected override async Task<IOrchestrationRepository> CreateAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        return _database.Repository();
    }

    protected override async Task CleanUpAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
