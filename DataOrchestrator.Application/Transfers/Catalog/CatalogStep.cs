using System.Text.Json;
using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Transfers.Catalog.Policies;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers.Catalog;

/// <summary>
/// The pipeline step of an <c>edc-catalog</c> item: asks the consumer connector for the provider's dataset (shared by
/// the orchestration's items that ask for the same one), chooses the first offer the policy allow-list accepts, then
/// reuses the newest agreement the connector holds whose policy is still acceptable, or leaves the offer to
/// <see cref="Negotiation.ContractNegotiator"/>. An offer outside the allow-list is never negotiated.
/// </summary>
public sealed class CatalogStep(
    IEdcClient edcClient,
    DatasetLookups lookups,
    PolicyAllowList allowList,
    ItemRecorder recorder,
    IOptions<CatalogOptions> options,
    ILogger<CatalogStep> logger) : IPipelineStep
{
    /// <summary>How much of the offered policies a NO_ACCEPTABLE_OFFER message quotes.</summary>
    private const int MaxOffersQuoted = 5;

    public string Name => "look the asset up in the provider's catalog";

    public string Stage => PipelineStage.Catalog;

    public bool AppliesTo(OrchestrationItem item) => item is { Catalog: not null, ContractId: null, Offer: null };

    public async Task<OrchestrationItem> RunAsync(PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(item);
        var lookup = item.Catalog!;
        var providerId = item.ConnectorId!;
        item = await recorder.SaveAsync(run.OrchestrationId, item with { Status = ItemStatus.CatalogRequested }, cancellationToken);

        var request = new DatasetRequest(item.CounterPartyAddress, providerId, run.ProtocolOf(item), lookup.AssetId);
        var connection = run.Connection;
        var dataset = await FetchAsync(run, lookup.DatasetKey(item.CounterPartyAddress, providerId), ct => edcClient.GetDatasetAsync(connection, request, ct), cancellationToken);

        using var itemPolicy = lookup.PolicyJson is { } json ? JsonDocument.Parse(json) : null;
        var narrowing = itemPolicy?.RootElement;
        var chosen = dataset.Offers.FirstOrDefault(offer => allowList.Accepts(providerId, offer.Policy, narrowing, dataset.Context))
            ?? throw new ItemFailedException(ItemError.Of(ItemErrorCodes.NoAcceptableOffer, NoAcceptableOffer(dataset, providerId, narrowing is not null)));
        CatalogLog.OfferChosen(logger, chosen.OfferId, lookup.AssetId, dataset.Offers.Count);
        var offer = new ContractOffer(chosen.OfferId, lookup.AssetId, chosen.Policy.GetRawText());

        if (options.Value.ReuseAgreements && lookup.ReuseAgreement
            && await FindReusableAsync(connection, lookup.AssetId, providerId, narrowing, cancellationToken) is { } agreement)
        {
            CatalogLog.AgreementReused(logger, agreement.AgreementId, lookup.AssetId);
            return await recorder.SaveAsync(
                run.OrchestrationId, item with { Offer = offer, ContractId = agreement.AgreementId, AgreementReused = true }, cancellationToken);
        }

        return await recorder.SaveAsync(run.OrchestrationId, item with { Offer = offer }, cancellationToken);
    }

    private async Task<CatalogDataset> FetchAsync(
        PipelineRun run, string key, Func<CancellationToken, Task<CatalogDataset>> fetch, CancellationToken cancellationToken)
    {
        try
        {
            return await lookups.GetAsync(run.OrchestrationId, key, fetch, cancellationToken);
        }
        catch (CatalogRequestFailedException failed)
        {
            throw new ItemFailedException(failed.AssetNotFound
                ? new ItemError(ItemErrorCodes.AssetNotFound, $"The provider's catalog has no such asset: {failed.Message}", failed.Errors)
                : new ItemError(ItemErrorCodes.CatalogFailed, $"The provider's catalog could not be read: {failed.Message}", failed.Errors));
        }
        catch (EdcRequestRejectedException rejected)
        {
            throw new ItemFailedException(new ItemError(
                ItemErrorCodes.CatalogFailed, $"EDC rejected the dataset request ({rejected.StatusCode}): {rejected.Message}", rejected.Errors));
        }
    }

    /// <summary>The newest agreement for the asset and provider whose policy the allow-list (and the item) still accepts.</summary>
    private async Task<HeldAgreement?> FindReusableAsync(
        EdcConnection connection, string assetId, string providerId, JsonElement? narrowing, CancellationToken cancellationToken)
    {
        var held = (await edcClient.QueryAgreementsAsync(connection, assetId, providerId, cancellationToken))
            .Where(a => a.AssetId == assetId && (a.ProviderId is null || a.ProviderId == providerId))
            .OrderByDescending(a => a.SigningDate)
            .ToArray();
        var reusable = held.FirstOrDefault(a => allowList.Accepts(providerId, a.Policy, narrowing, a.Context));
        var skipped = reusable is null ? held.Length : Array.IndexOf(held, reusable);
        if (skipped > 0)
        {
            CatalogLog.AgreementsSkipped(logger, skipped, assetId);
        }

        return reusable;
    }

    private string NoAcceptableOffer(CatalogDataset dataset, string providerId, bool narrowed)
    {
        if (dataset.Offers.Count == 0)
        {
            return $"The provider's dataset '{dataset.AssetId}' carries no offers.";
        }

        var quoted = dataset.Offers.Take(MaxOffersQuoted).Select(o => $"'{o.OfferId}': {PolicySummary.Summarize(o.Policy, context: dataset.Context)}");
        var more = dataset.Offers.Count > MaxOffersQuoted ? $" (and {dataset.Offers.Count - MaxOffersQuoted} more)" : string.Empty;
        var narrowing = narrowed ? " and the item's own policy" : string.Empty;
        return $"None of the {dataset.Offers.Count} offers of asset '{dataset.AssetId}' is acceptable ({allowList.Describe(providerId)}{narrowing}): "
            + string.Join("; ", quoted) + more + ".";
    }
}
