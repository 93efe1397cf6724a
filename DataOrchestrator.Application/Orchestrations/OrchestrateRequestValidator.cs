using FluentValidation;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Orchestrations;

public sealed class OrchestrateRequestValidator : AbstractValidator<OrchestrateRequest>
{
    public OrchestrateRequestValidator(IOptions<RequestLimitsOptions> options)
    {
        var limits = options.Value;
        var itemValidator = new OrchestrateItemRequestValidator(options);

        RuleFor(r => r.Data)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(ValidationMessages.Missing)
            .Must(d => d!.Count > 0).WithMessage(ValidationMessages.EmptyList)
            .Must(d => d!.Count <= limits.MaxItemsPerRequest).WithMessage(ValidationMessages.TooMany(limits.MaxItemsPerRequest))
            .OverridePropertyName("data");

        RuleForEach(r => r.Data)
            .NotNull().WithMessage(ValidationMessages.NotNull)
            .SetValidator(itemValidator)
            .OverridePropertyName("data")
            .When(r => r.Data is not null && r.Data.Count <= limits.MaxItemsPerRequest);

        RuleFor(r => r.ConnectorAddress)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(ValidationMessages.Missing)
            .MaximumLength(limits.MaxStringLength).WithMessage(ValidationMessages.TooLong(limits.MaxStringLength))
            .Must(ValidationMessages.IsHttpUrl).WithMessage(ValidationMessages.NotHttpUrl)
            .OverridePropertyName("connectorAddress");
    }
}
