using System.Text.Json;
using DataOrchestrator.EdcSimulator.Hosting;

namespace DataOrchestrator.Tests.Support.Simulator;

/// <summary>Request bodies for the simulator's dataset request and the QuerySpec routes, in each version's form.</summary>
internal static class CatalogRequests
{
    /// <summary>Two offers as a provider scripts them: rules only, no target or assigner.</summary>
    public const string TwoOffers = """
        {"offers":[
          {"@id":"offer-a","permission":[{"action":"use","constraint":[{"leftOperand":"purpose","operator":"eq","rightOperand":"x"}]}],"prohibition":[],"obligation":[]},
          {"@id":"offer-b","permission":[{"action":"use"}]}]}
        """;

    public static string DatasetRequest(string version, string assetId) => version == ManagementApiVersion.V4
        ? $$"""
            {"@context":["{{SimulatorClient.V2Context}}"],"@type":"DatasetRequest","@id":"{{assetId}}",
             "counterPartyAddress":"http://provider/api/dsp/2025-1","counterPartyId":"did:web:provider","protocol":"dataspace-protocol-http:2025-1"}
            """
        : $$"""
            {"@context":{"@vocab":"https://w3id.org/edc/v0.0.1/ns/"},"@type":"DatasetRequest","@id":"{{assetId}}",
             "counterPartyAddress":"http://provider/api/dsp","counterPartyId":"provider-bpn","protocol":"dataspace-protocol-http"}
            """;

    /// <summary>A v4 ContractRequest for an offer of <paramref name="assetId"/> by did:web:provider.</summary>
    public static string ContractRequest(string offerId, string assetId) =>
        SimulatorClient.V4ContractRequest(offerId).Replace("\"target\":\"asset-1\"", $"\"target\":\"{assetId}\"", StringComparison.Ordinal);

    /// <summary>A v3 ContractRequest as 3.1.3 accepts it (assigner and target compact strings) for an offer of asset-7 by provider-bpn.</summary>
    public static string V3ContractRequest(string offerId) => $$$"""
        {"@context":{"@vocab":"https://w3id.org/edc/v0.0.1/ns/"},"@type":"ContractRequest",
         "counterPartyAddress":"http://provider/api/dsp","counterPartyId":"provider-bpn","protocol":"dataspace-protocol-http",
         "policy":{"@type":"odrl:Offer","@id":"{{{offerId}}}","assigner":"provider-bpn","target":"asset-7"}}
        """;

    /// <summary>A QuerySpec in the version's form: v3 compact under the edc @vocab, v4 with the v2 context and typed criteria.</summary>
    public static string Query(string version, string? fields, params (string Left, string Operator, object Right)[] filters)
    {
        var v4 = version == ManagementApiVersion.V4;
        var criteria = filters.Select(f =>
            $$"""{"@type":"Criterion","operandLeft":{{JsonSerializer.Serialize(f.Left)}},"operator":"{{f.Operator}}","operandRight":{{JsonSerializer.Serialize(f.Right)}}}""");
        var context = v4 ? $"[\"{SimulatorClient.V2Context}\"]" : """{"@vocab":"https://w3id.org/edc/v0.0.1/ns/"}""";
        var filterExpression = filters.Length == 0 ? string.Empty : $",\"filterExpression\":[{string.Join(',', criteria)}]";
        return $$"""{"@context":{{context}},"@type":"QuerySpec"{{(fields is null ? string.Empty : "," + fields)}}{{filterExpression}}}""";
    }
}
