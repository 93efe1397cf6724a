using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Tests.Support.Postgres;

namespace DataOrchestrator.Tests.Persistence;

/// <summary>Each store instance stands for another service instance over the same database.</summary>
public sealed class PostgresDataFlowStoreContractTests : DataFlowStoreContract
{
    private PostgresDatabase? _database;

    protected override async Task<Func<IDataFlowStore>> CreateAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        var database = _database;
        return () => database.DataFlowStore();
    }

    protected override async Task CleanUpAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
