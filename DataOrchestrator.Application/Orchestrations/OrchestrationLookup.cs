using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Orchestrations;

/// <summary>Finds the orchestration a client names by its id; an id that is not a GUID names none, like an unknown one.</summary>
public static class OrchestrationLookup
{
    /// <summary>Throws <see cref="OrchestrationNotFoundException"/> for an id that is not a GUID.</summary>
    public static Guid ParseId(string orchestrationId) =>
        Guid.TryParse(orchestrationId, out var id) ? id : throw new OrchestrationNotFoundException(orchestrationId);

    /// <summary>Throws <see cref="OrchestrationNotFoundException"/> when there is no such orchestration.</summary>
    public static async Task<Orchestration> GetAsync(this IOrchestrationRepository repository, string orchestrationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return await repository.FindAsync(ParseId(orchestrationId), cancellationToken) ?? throw new OrchestrationNotFoundException(orchestrationId);
    }
}
