using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Tests.Support.Postgres;

namespace DataOrchestrator.Tests.Persistence;

public sealed class PostgresCallbackStoreContractTests : CallbackStoreContract
{
    private PostgresDatabase? _database;

    protected override async Task<(IOrchestrationRepository Repository, Func<ICallbackStore> NewStore)> CreateAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        var database = _database;
        return (database.Repository(), () => database.CallbackStore());
    }

    protected override async Task CleanUpAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
