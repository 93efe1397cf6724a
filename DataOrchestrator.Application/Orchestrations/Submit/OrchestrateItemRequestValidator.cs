using System.Text.Json;
using DataOrchestrator.Application.Transfers.DataPlane;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Orchestrations.Submit;

public sealed class OrchestrateItemRequestValidator : AbstractValidator<OrchestrateItemRequest>
{
    public const string EdcAssetType = "edc-asset";
    public const string EdcOfferType = "edc-offer";
    public const string EdcCatalogType = "edc-catalog";

    /// <summary>A catalog policy is small; this bounds what one item can make the service store and send.</summary>
    public const int MaxPolicyBytes = 64 * 1024;

    public OrchestrateItemRequestValidator(IOptions<RequestLimitsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var maxStringLength = options.Value.MaxStringLength;
        RuleFor(i => i.Type)
            .Must(t => t is EdcAssetType or EdcOfferType or EdcCatalogType).WithMessage($"Must be one of: {EdcAssetType}, {EdcOfferType}, {EdcCatalogType}.")
            .When(i => i.Type is not null)
            .OverridePropertyName("type");

        RuleFor(i => i.CounterPartyAddress)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(ValidationMessages.Missing)
            .MaximumLength(maxStringLength).WithMessage(ValidationMessages.TooLong(maxStringLength))
            .Must(ValidationMessages.IsHttpUrl).WithMessage(ValidationMessages.NotHttpUrl)
            .OverridePropertyName("counterPartyAddress");

        RuleFor(i => i.Protocol)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(ValidationMessages.Blank)
            .MaximumLength(maxStringLength).WithMessage(ValidationMessages.TooLong(maxStringLength))
            .When(i => i.Protocol is not null)
            .OverridePropertyName("protocol");

        RuleFor(i => i.ConnectorId)
            .MaximumLength(maxStringLength).WithMessage(ValidationMessages.TooLong(maxStringLength))
            .OverridePropertyName("connectorId");

        // Path and query are the download's, whatever the item type: every type ends in a data address endpoint.
        RuleFor(i => i.Path)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(ValidationMessages.Blank)
            .MaximumLength(maxStringLength).WithMessage(ValidationMessages.TooLong(maxStringLength))
            .Must(p => ItemPathRules.PathRefusal(p!) is null).WithMessage(i => ItemPathRules.PathRefusal(i.Path!))
            .When(i => i.Path is not null)
            .OverridePropertyName("path");

        RuleFor(i => i.Query)
            .Must(q => ItemPathRules.QueryRefusal(q!, maxStringLength) is null).WithMessage(i => ItemPathRules.QueryRefusal(i.Query!, maxStringLength))
            .When(i => i.Query is not null)
            .OverridePropertyName("query");

        When(i => i.Type is not EdcOfferType and not EdcCatalogType, () =>
        {
            RuleFor(i => i.ContractId)
                .Cascade(CascadeMode.Stop)
                .NotNull().WithMessage(ValidationMessages.Missing)
                .NotEmpty().WithMessage(ValidationMessages.Blank)
                .MaximumLength(maxStringLength).WithMessage(ValidationMessages.TooLong(maxStringLength))
                .OverridePropertyName("contractId");

            RuleFor(i => i)
                .Must(i => i.OfferId is null && i.AssetId is null && i.CounterPartyId is null && i.Policy is null && i.ReuseAgreement is null)
                .WithMessage($"Offer fields (offerId, assetId, counterPartyId, policy, reuseAgreement) need \"type\": \"{EdcOfferType}\" or \"{EdcCatalogType}\".")
                .When(i => i.Type is null or EdcAssetType)
                .OverridePropertyName("type");
        });

        When(i => i.Type == EdcOfferType, () =>
        {
            RuleFor(i => i.ContractId)
                .Null().WithMessage("Not allowed for an edc-offer: the contract agreement comes from the negotiation.")
                .OverridePropertyName("contractId");

            RequiredText(i => i.CounterPartyId, "counterPartyId", maxStringLength);
            RequiredText(i => i.OfferId, "offerId", maxStringLength);
            RequiredText(i => i.AssetId, "assetId", maxStringLength);
            PolicySize();

            RuleFor(i => i.ReuseAgreement)
                .Null().WithMessage($"Only for an {EdcCatalogType}: an edc-offer names its offer, so it is always negotiated.")
                .OverridePropertyName("reuseAgreement");
        });

        When(i => i.Type == EdcCatalogType, () =>
        {
            RuleFor(i => i.ContractId)
                .Null().WithMessage("Not allowed for an edc-catalog: the contract agreement is found or negotiated by the service.")
                .OverridePropertyName("contractId");
            RuleFor(i => i.OfferId)
                .Null().WithMessage("Not allowed for an edc-catalog: the service chooses the offer from the catalog (use edc-offer to name one).")
                .OverridePropertyName("offerId");

            RequiredText(i => i.CounterPartyId, "counterPartyId", maxStringLength);
            RequiredText(i => i.AssetId, "assetId", maxStringLength);
            PolicySize();
        });
    }

    private void PolicySize() =>
        RuleFor(i => i.Policy)
            .Must(p => JsonSerializer.SerializeToUtf8Bytes(p).Length <= MaxPolicyBytes).WithMessage($"Larger than {MaxPolicyBytes} bytes.")
            .When(i => i.Policy is not null)
            .OverridePropertyName("policy");

    private void RequiredText(System.Linq.Expressions.Expression<Func<OrchestrateItemRequest, string?>> property, string name, int maxLength) =>
        RuleFor(property)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(ValidationMessages.Missing)
            .NotEmpty().WithMessage(ValidationMessages.Blank)
            .MaximumLength(maxLength).WithMessage(ValidationMessages.TooLong(maxLength))
            .OverridePropertyName(name);
}
