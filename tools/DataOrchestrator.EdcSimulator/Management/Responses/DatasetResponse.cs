using System.Text.Json;
using System.Text.Json.Nodes;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Scenarios;

namespace DataOrchestrator.EdcSimulator.Management.Responses;

/// <summary>
/// Answer to POST /v3|v4/catalog/dataset/request: the provider's Dataset for the asset (3.1.3 schema Dataset, 4.1.0
/// dataset-schema). <c>hasPolicy</c> is always an array of the scripted offers, each with its <c>@id</c>, an Offer
/// <c>@type</c> and its rules, without target or assigner (a DSP catalog leaves both out; 3.1.3's Offer forbids
/// target). One HttpData-PULL distribution served by the counter-party's DSP endpoint. Terms are compact in both
/// versions; v3 names its types with the dcat/odrl prefixes its context object declares.
/// </summary>
internal static class DatasetResponse
{
    // Real EDC hands out its data service's UUID; a constant one keeps answers reproducible.
    private const string DataServiceId = "5b5ba5c4-2f32-4b1c-9a3c-6d1b7e8f0a11";

    public static JsonObject Build(DatasetRequestData request, DatasetBehaviour behaviour, string apiVersion)
    {
        var v4 = apiVersion == ManagementApiVersion.V4;
        var offers = new JsonArray();
        foreach (var offer in behaviour.Offers ?? [])
        {
            offers.Add(PolicyJson.Offer(offer, v4 ? "Offer" : "odrl:Offer"));
        }

        return new JsonObject
        {
            ["@id"] = request.AssetId,
            ["@type"] = v4 ? "Dataset" : "dcat:Dataset",
            ["hasPolicy"] = offers,
            ["distribution"] = new JsonArray(new JsonObject
            {
                ["@type"] = v4 ? "Distribution" : "dcat:Distribution",
                ["format"] = TransferRequestReader.PullTransferType,
                ["accessService"] = new JsonObject
                {
                    ["@id"] = DataServiceId,
                    ["@type"] = v4 ? "DataService" : "dcat:DataService",
                    ["endpointDescription"] = "dspace:connector",
                    ["endpointURL"] = request.CounterPartyAddress,
                },
            }),
            ["@context"] = JsonSerializer.SerializeToNode(
                v4 ? JsonLdContext.ManagementContextV2Array : (object)JsonLdContext.CompactCatalog, SimulatorJson.Options),
        };
    }
}
