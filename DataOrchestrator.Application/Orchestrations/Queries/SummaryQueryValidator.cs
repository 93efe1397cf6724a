using FluentValidation;

namespace DataOrchestrator.Application.Orchestrations.Queries;

public sealed class SummaryQueryValidator : AbstractValidator<SummaryQuery>
{
    public SummaryQueryValidator() =>
        RuleFor(q => q.Minutes)
            .InclusiveBetween(1, SummaryQuery.MaxMinutes)
            .WithMessage($"Must be between 1 and {SummaryQuery.MaxMinutes}.")
            .OverridePropertyName("minutes");
}
