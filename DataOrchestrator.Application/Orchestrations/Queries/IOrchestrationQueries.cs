using DataOrchestrator.Domain.Files;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>Reads orchestrations: one, a page of them, the files their items saved, and a summary of them all.</summary>
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

    /// <summary>
    /// Every orchestration counted by process status, and the items that finished in each of the last
    /// <see cref="SummaryQuery.Minutes"/> UTC minutes (the current one included) by final status; throws
    /// FluentValidation's ValidationException for a bad query.
    /// </summary>
    Task<OrchestrationSummaryDto> GetSummaryAsync(SummaryQuery query, CancellationToken cancellationToken);
}
