namespace DataOrchestrator.EdcSimulator.Calls;

/// <summary>Lets handlers annotate the current call without knowing how it is recorded.</summary>
internal static class CallAnnotationExtensions
{
    public static void Annotate(this HttpContext context, string? contractId = null, string? transferId = null)
    {
        var annotation = context.Features.Get<CallAnnotation>();
        if (annotation is null)
        {
            return;
        }

        annotation.ContractId = contractId ?? annotation.ContractId;
        annotation.TransferId = transferId ?? annotation.TransferId;
    }

    public static void AnnotateNegotiation(this HttpContext context, string? offerId, string? negotiationId = null)
    {
        var annotation = context.Features.Get<CallAnnotation>();
        if (annotation is null)
        {
            return;
        }

        annotation.OfferId = offerId ?? annotation.OfferId;
        annotation.NegotiationId = negotiationId ?? annotation.NegotiationId;
    }

    public static void AnnotateAsset(this HttpContext context, string? assetId)
    {
        if (context.Features.Get<CallAnnotation>() is { } annotation)
        {
            annotation.AssetId = assetId ?? annotation.AssetId;
        }
    }

    public static void AnnotateFault(this HttpContext context, string fault)
    {
        if (context.Features.Get<CallAnnotation>() is { } annotation)
        {
            annotation.Fault = fault;
        }
    }
}
