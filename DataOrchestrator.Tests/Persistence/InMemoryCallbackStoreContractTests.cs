using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence;

namespace DataOrchestrator.Tests.Persistence;

public sealed class InMemoryCallbackStoreContractTests : CallbackStoreContract
{
    protected override Task<(IOrchestrationRepository Repository, Func<ICallbackStore> NewStore)> CreateAsync()
    {
        var repository = new InMemoryOrchestrationRepository(TimeProvider.System);
        return Task.FromResult<(IOrchestrationRepository, Func<ICallbackStore>)>((repository, () => repository));
    }
}
