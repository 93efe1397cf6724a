namespace DataOrchestrator.Tests.Support.Requests;

/// <summary>The original's example body of <c>POST /orchestrate</c>.</summary>
internal static class ExampleRequest
{
    /// <summary>One item per contract agreement id, to be transferred through the connector at <paramref name="connectorAddress"/>.</summary>
    public static object For(string connectorAddress, params string[] contractIds) => new
    {
        data = contractIds.Select(c => new
        {
            type = "edc-asset",
            counterPartyAddress = "http://provider-qna-controlplane:8082/api/dsp",
            contractId = c,
            connectorId = "did:web:provider-identityhub:7083:provider",
        }).ToArray(),
        connectorAddress,
    };
}
