using FluentValidation;

namespace DataOrchestrator.Application.Orchestrations;

public sealed class ListOrchestrationsQueryValidator : AbstractValidator<ListOrchestrationsQuery>
{
    public ListOrchestrationsQueryValidator()
    {
        RuleFor(q => q.Limit)
            .InclusiveBetween(1, ListOrchestrationsQuery.MaxLimit)
            .WithMessage($"Must be between 1 and {ListOrchestrationsQuery.MaxLimit}.")
            .OverridePropertyName("limit");

        RuleFor(q => q.Cursor)
            .Must(c => c is null || StatusCursor.TryDecode(c, out _))
            .WithMessage("Not a cursor this service issued.")
            .OverridePropertyName("cursor");
    }
}
