using FluentValidation;

namespace DataOrchestrator.Application.Orchestrations.Queries;

public sealed class ListOrchestrationsQueryValidator : AbstractValidator<ListOrchestrationsQuery>
{
    public ListOrchestrationsQueryValidator()
    {
        RuleFor(q => q.Limit)
            .InclusiveBetween(1, ListOrchestrationsQuery.MaxLimit)
            .WithMessage($"Must be between 1 and {ListOrchestrationsQuery.MaxLimit}.")
            .OverridePropertyName("limit");

        RuleFor(q => q.StatusNames())
            .Must(names => names is null || names.All(name => Domain.Orchestrations.StatusNames.TryParseProcessStatus(name, out _)))
            .WithMessage(q => $"Unknown status '{q.StatusNames()!.First(name => !Domain.Orchestrations.StatusNames.TryParseProcessStatus(name, out _))}': must be one of "
                + $"{string.Join(", ", Enum.GetValues<Domain.Orchestrations.ProcessStatus>().Select(Domain.Orchestrations.StatusNames.ToWireName))}.")
            .OverridePropertyName("status");

        RuleFor(q => q.CreatedBefore)
            .GreaterThan(q => q.CreatedAfter).WithMessage("Must be later than created_after.")
            .When(q => q.CreatedAfter is not null && q.CreatedBefore is not null)
            .OverridePropertyName("created_before");

        RuleFor(q => q.Cursor)
            .Must(c => c is null || StatusCursor.TryDecode(c, out _))
            .WithMessage("Not a cursor this service issued.")
            .OverridePropertyName("cursor");
    }
}
