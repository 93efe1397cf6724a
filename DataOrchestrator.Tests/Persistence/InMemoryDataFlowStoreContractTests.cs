using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Infrastructure.Persistence;

namespace DataOrchestrator.Tests.Persistence;

public sealed class InMemoryDataFlowStoreContractTests : DataFlowStoreContract
{
    // One store seen through several references, as the service's singleton is.
    protected override Task<Func<IDataFlowStore>> CreateAsync()
    {
        var store = new InMemoryDataFlowStore();
        return Task.FromResult<Func<IDataFlowStore>>(() => store);
    }
}
