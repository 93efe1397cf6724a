using DataOrchestrator.Domain.Files;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>Reads orchestrations: one, a page of them, and the files their items saved.</summary>
public interface IOrchestrationQueries
{
    /// <summary>Throws <see cref="Errors.OrchestrationNotFoundException"/> for an unknown id.</summary>
    Task<OrchestrationStatusDto> GetAsync(string orchestrationId, CancellationToken cancellationToken);

    /// <summary>A page of orchestrations, newest first; throws FluentValidation's ValidationException for a bad query.</summary>
    Task<OrchestrationListDto> ListAsync(ListOrchestrationsQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The saved file of one item, by its transfer id, as recorded (where it is on disk is the data store's business);
    /// throws <see cref="Errors.OrchestrationNotFoundException"/> or <see cref="Errors.SavedFileNotFoundException"/>.
    /// </summary>
    Task<SavedFile> GetFileAsync(string orchestrationId, string transferId, CancellationToken cancellationToken);
}
