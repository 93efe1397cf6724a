using FluentValidation;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Orchestrations;

public sealed class OrchestrateItemRequestValidator : AbstractValidator<OrchestrateItemRequest>
{
    public const string EdcAssetType = "edc-asset";

    public OrchestrateItemRequestValidator(IOptions<RequestLimitsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var maxStringLength = options.Value.MaxStringLength;
        RuleFor(i => i.Type)
            .Equal(EdcAssetType).WithMessage($"Must be one of: {EdcAssetType}.")
            .When(i => i.Type is not null)
            .OverridePropertyName("type");

        RuleFor(i => i.CounterPartyAddress)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(ValidationMessages.Missing)
            .MaximumLength(maxStringLength).WithMessage(ValidationMessages.TooLong(maxStringLength))
            .Must(ValidationMessages.IsHttpUrl).WithMessage(ValidationMessages.NotHttpUrl)
            .OverridePropertyName("counterPartyAddress");

        RuleFor(i => i.ContractId)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(ValidationMessages.Missing)
            .NotEmpty().WithMessage(ValidationMessages.Blank)
            .MaximumLength(maxStringLength).WithMessage(ValidationMessages.TooLong(maxStringLength))
            .OverridePropertyName("contractId");

        RuleFor(i => i.Protocol)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(ValidationMessages.Blank)
            .MaximumLength(maxStringLength).WithMessage(ValidationMessages.TooLong(maxStringLength))
            .When(i => i.Protocol is not null)
            .OverridePropertyName("protocol");

        RuleFor(i => i.ConnectorId)
            .MaximumLength(maxStringLength).WithMessage(ValidationMessages.TooLong(maxStringLength))
            .OverridePropertyName("connectorId");
    }
}
