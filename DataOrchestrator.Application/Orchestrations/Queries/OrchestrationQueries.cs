using AutoMapper;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Domain.Files;
using DataOrchestrator.Domain.Orchestrations;
using FluentValidation;

namespace DataOrchestrator.Application.Orchestrations.Queries;

public sealed class OrchestrationQueries(
    IOrchestrationRepository repository, IValidator<ListOrchestrationsQuery> listValidator, IValidator<SummaryQuery> summaryValidator, IMapper mapper,
    TimeProvider timeProvider)
    : IOrchestrationQueries
{
    public async Task<OrchestrationStatusDto> GetAsync(string orchestrationId, CancellationToken cancellationToken) =>
        mapper.Map<OrchestrationStatusDto>(await repository.GetAsync(orchestrationId, cancellationToken));

    public async Task<OrchestrationListDto> ListAsync(ListOrchestrationsQuery query, CancellationToken cancellationToken)
    {
        await listValidator.ValidateAndThrowAsync(query, cancellationToken);
        long? before = query.Cursor is { } cursor && StatusCursor.TryDecode(cursor, out var position) ? position : null;
        var statuses = query.StatusNames()?.Select(name => StatusNames.TryParseProcessStatus(name, out var status) ? status : default).ToHashSet();
        var filter = new OrchestrationFilter(statuses, query.CreatedAfter, query.CreatedBefore);
        var page = await repository.ListAsync(query.Limit ?? ListOrchestrationsQuery.DefaultLimit, before, filter, cancellationToken);
        return new OrchestrationListDto(
            mapper.Map<IReadOnlyList<OrchestrationStatusDto>>(page.Orchestrations),
            page.NextBefore is { } next ? StatusCursor.Encode(next) : null);
    }

    public async Task<SavedFile> GetFileAsync(string orchestrationId, string transferId, CancellationToken cancellationToken)
    {
        var orchestration = await repository.GetAsync(orchestrationId, cancellationToken);
        var item = orchestration.Items.FirstOrDefault(i => i.Status == ItemStatus.Saved && i.TransferId == transferId && i.StoragePath is not null);
        return item is null
            ? throw new SavedFileNotFoundException(transferId)
            : SavedFile.Of(item.StoragePath!, item.Bytes ?? 0, item.Sha256 ?? string.Empty);
    }

    public async Task<OrchestrationSummaryDto> GetSummaryAsync(SummaryQuery query, CancellationToken cancellationToken)
    {
        await summaryValidator.ValidateAndThrowAsync(query, cancellationToken);
        var minutes = query.Minutes ?? SummaryQuery.DefaultMinutes;
        var now = timeProvider.GetUtcNow();
        var until = FinishedItemCount.MinuteOf(now).AddMinutes(1);
        var from = until.AddMinutes(-minutes);
        var summary = await repository.SummarizeAsync(from, until, cancellationToken);
        return OrchestrationSummaryDto.Of(summary, from, minutes, now);
    }
}
