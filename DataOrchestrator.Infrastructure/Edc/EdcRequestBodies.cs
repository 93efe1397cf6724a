using System.Text.Json;
using System.Text.Json.Nodes;
using DataOrchestrator.Application.Transfers.Catalog;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Negotiation;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>Builds the Management API request bodies in the JSON-LD form each API version's specification declares.</summary>
internal static class EdcRequestBodies
{
    public const string PullTransferType = "HttpData-PULL";

    /// <summary>Enough agreements or EDRs of one asset to find a usable one among; a query never pages further.</summary>
    private const int MaxQueried = 50;

    private static readonly string[] RuleSets = ["permission", "prohibition", "obligation"];
    private static readonly DataDestinationDto HttpProxyDestination = new("DataAddress", "HttpProxy");
    private static readonly JsonElement V3NegotiationContext = JsonSerializer.SerializeToElement(
        new Dictionary<string, string> { ["@vocab"] = EdcContext.EdcVocabulary }, EdcJsonContext.Default.DictionaryStringString);

    private static readonly JsonElement V4Context = JsonSerializer.SerializeToElement(
        EdcContext.ArrayFor(v4: true), EdcJsonContext.Default.IReadOnlyListString);

    public static TransferRequestDto Transfer(bool v4, TransferStartRequest request)
    {
        var key = request.AttemptKey;
        var properties = TransferAttemptKeys.PrivateProperties(key);
        return request.DataPlane is { } dataPlane
            ? new TransferRequestDto(
                EdcContext.ArrayFor(v4: true), "TransferRequest", key, request.CounterPartyAddress, request.ContractId, null, request.Protocol, dataPlane.TransferType, null)
            {
                DataplaneMetadata = new DataplaneMetadataDto("DataplaneMetadata", dataPlane.Labels, []),
                PrivateProperties = properties,
            }
            : v4
            ? new TransferRequestDto(
                EdcContext.ArrayFor(v4), "TransferRequest", key, request.CounterPartyAddress, request.ContractId, null, request.Protocol, PullTransferType, null)
            {
                PrivateProperties = properties,
            }
            : new TransferRequestDto(
                EdcContext.ArrayFor(v4), "TransferRequest", key, request.CounterPartyAddress, request.ContractId, request.ConnectorId, request.Protocol,
                PullTransferType, HttpProxyDestination)
            {
                PrivateProperties = properties,
            };
    }

    /// <summary>A DatasetRequest: v3 with EDC's vocabulary as its <c>@vocab</c> (3.1.3's example), v4 with the v2 management context.</summary>
    public static JsonObject Dataset(bool v4, DatasetRequest request) => new()
    {
        ["@context"] = v4 ? new JsonArray(EdcContext.ManagementV4) : new JsonObject { ["@vocab"] = EdcContext.EdcVocabulary },
        ["@type"] = "DatasetRequest",
        ["@id"] = request.AssetId,
        ["counterPartyAddress"] = request.CounterPartyAddress,
        ["counterPartyId"] = request.CounterPartyId,
        ["protocol"] = request.Protocol,
    };

    /// <summary>The agreements for an asset of a provider, newest first (EDC's agreement fields as property paths).</summary>
    public static TransferQueryDto Agreements(bool v4, string assetId, string providerId) => new(
        EdcContext.ArrayFor(v4),
        "QuerySpec",
        MaxQueried,
        "contractSigningDate",
        "DESC",
        [new CriterionDto("Criterion", "assetId", "=", assetId), new CriterionDto("Criterion", "providerId", "=", providerId)]);

    /// <summary>The EDR cache entries of an agreement (and asset: an edc-asset item names none), newest first.</summary>
    public static TransferQueryDto Edrs(string agreementId, string? assetId) => new(
        EdcContext.ArrayFor(v4: false),
        "QuerySpec",
        MaxQueried,
        "createdAt",
        "DESC",
        assetId is null
            ? [new CriterionDto("Criterion", "agreementId", "=", agreementId)]
            : [new CriterionDto("Criterion", "agreementId", "=", agreementId), new CriterionDto("Criterion", "assetId", "=", assetId)]);

    public static DataPlaneRegistrationDto Registration(DataPlaneRegistration registration) =>
        new(registration.DataPlaneId, registration.Endpoint.AbsoluteUri, registration.TransferTypes, registration.Labels, registration.Authorization);

    public static TerminateTransferDto Terminate(bool v4, string reason) => new(EdcContext.ArrayFor(v4), "TerminateTransfer", reason);

    public static ContractRequestDto Negotiation(bool v4, NegotiationStartRequest request) => new(
        v4 ? V4Context : V3NegotiationContext,
        "ContractRequest",
        request.CounterPartyAddress,
        request.CounterPartyId,
        request.Protocol,
        Offer(v4, request));

    /// <summary>
    /// The client's ODRL policy (or an empty one) as the offer: <c>@id</c> and <c>target</c> come from the item,
    /// <c>assigner</c> from counterPartyId unless the policy names one. In v3 the policy carries the ODRL context
    /// (as the spec's example does) so that its terms do not expand into EDC's vocabulary.
    /// </summary>
    private static JsonElement Offer(bool v4, NegotiationStartRequest request)
    {
        var offer = request.Offer;
        var policy = offer.PolicyJson is { } json && JsonNode.Parse(json) is JsonObject given ? given : [];
        foreach (var rules in RuleSets)
        {
            // v4 (DSP 2025-1 MessageOffer) wants rule arrays absent or non-empty; v3's example writes them empty.
            if (v4 && policy[rules] is JsonArray { Count: 0 })
            {
                policy.Remove(rules);
            }
            else if (!v4 && !policy.ContainsKey(rules) && !policy.ContainsKey("odrl:" + rules))
            {
                policy[rules] = new JsonArray();
            }
        }

        policy.Remove("odrl:target");
        policy.Remove("@id");
        policy.Remove("target");
        if (!v4 && !policy.ContainsKey("@context"))
        {
            policy.Insert(0, "@context", EdcContext.Odrl);
        }

        if (!policy.ContainsKey("@type"))
        {
            policy["@type"] = v4 ? "Offer" : "odrl:Offer";
        }

        policy["@id"] = offer.OfferId;
        if (!policy.ContainsKey("assigner") && !policy.ContainsKey("odrl:assigner"))
        {
            policy["assigner"] = request.CounterPartyId;
        }

        policy["target"] = offer.AssetId;
        return JsonSerializer.SerializeToElement(policy, EdcJsonContext.Default.JsonObject);
    }
}
