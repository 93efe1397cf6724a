using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence;

namespace DataOrchestrator.Tests.Persistence;

public sealed class InMemoryOrchestrationSummaryContractTests : OrchestrationSummaryContract
{
    protected override Task<IOrchestrationRepository> CreateAsync() =>
        Task.FromResult<IOrchestrationRepository>(new InMemoryOrchestrationRepository(TimeProvider.System));
}
