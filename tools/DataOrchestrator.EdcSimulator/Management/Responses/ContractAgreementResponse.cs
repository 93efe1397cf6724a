using System.Text.Json;
using System.Text.Json.Nodes;
using DataOrchestrator.EdcSimulator.Agreements;
using DataOrchestrator.EdcSimulator.Hosting;

namespace DataOrchestrator.EdcSimulator.Management.Responses;

/// <summary>
/// One element of POST /v3|v4/contractagreements/request's answer (3.1.3 ContractAgreement_1, 4.1.0
/// contract-agreement-schema): the agreement with its policy typed Agreement (v3 "odrl:Agreement") and naming
/// assignee (the consumer), assigner (the provider) and target (the asset), as 4.1.0's Agreement requires.
/// </summary>
internal static class ContractAgreementResponse
{
    public static JsonObject Build(ContractAgreementSnapshot agreement, string apiVersion)
    {
        var v4 = apiVersion == ManagementApiVersion.V4;
        return new JsonObject
        {
            ["@type"] = "ContractAgreement",
            ["@id"] = agreement.Id,
            ["assetId"] = agreement.AssetId,
            ["providerId"] = agreement.ProviderId,
            ["consumerId"] = agreement.ConsumerId,
            ["contractSigningDate"] = agreement.ContractSigningDate,
            ["policy"] = PolicyJson.Agreement(
                agreement.Policy,
                agreement.Id,
                v4 ? "Agreement" : "odrl:Agreement",
                assignee: agreement.ConsumerId,
                assigner: agreement.ProviderId,
                target: agreement.AssetId),
            ["@context"] = JsonSerializer.SerializeToNode(JsonLdContext.For(apiVersion), SimulatorJson.Options),
        };
    }
}
