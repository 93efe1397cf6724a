using Microsoft.Extensions.Logging;

namespace DataOrchestrator.Application.Transfers.Catalog;

/// <summary>The catalog step's log messages (source-generated, named placeholders).</summary>
internal static partial class CatalogLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Offer {OfferId} of asset {AssetId} chosen from {OfferCount} offered")]
    public static partial void OfferChosen(ILogger logger, string offerId, string assetId, int offerCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reusing contract agreement {ContractId} for asset {AssetId}; no negotiation")]
    public static partial void AgreementReused(ILogger logger, string contractId, string assetId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Skipped} held agreements of asset {AssetId} have a policy no longer acceptable; not reused")]
    public static partial void AgreementsSkipped(ILogger logger, int skipped, string assetId);
}
