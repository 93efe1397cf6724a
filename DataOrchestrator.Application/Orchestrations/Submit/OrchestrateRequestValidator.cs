using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Application.Security;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Orchestrations.Submit;

public sealed class OrchestrateRequestValidator : AbstractValidator<OrchestrateRequest>
{
    public OrchestrateRequestValidator(IOptions<RequestLimitsOptions> options, CallbackUrlPolicy callbackUrls, OutboundPolicy outbound)
    {
        ArgumentNullException.ThrowIfNull(callbackUrls);
        ArgumentNullException.ThrowIfNull(outbound);
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
            .Must(url => ConnectorRefusal(outbound, url!) is null).WithMessage(r => ConnectorRefusal(outbound, r.ConnectorAddress!))
            .OverridePropertyName("connectorAddress");

        RuleFor(r => r.CallbackUrl!)
            .Cascade(CascadeMode.Stop)
            .MaximumLength(limits.MaxStringLength).WithMessage(ValidationMessages.TooLong(limits.MaxStringLength))
            .Must(url => callbackUrls.Check(url) is null).WithMessage(r => callbackUrls.Check(r.CallbackUrl!))
            .OverridePropertyName("callbackUrl")
            .When(r => r.CallbackUrl is not null);
    }

    private static string? ConnectorRefusal(OutboundPolicy outbound, string url) =>
        outbound.Check(new Uri(url), outbound.Connectors, OutboundPolicy.ConnectorSetting);
}
