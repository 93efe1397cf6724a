using System.Text.Json.Nodes;

namespace DataOrchestrator.Tests.Support.Dps;

/// <summary>One transfer process of <see cref="FakeDpsControlPlane"/>.</summary>
internal sealed class FakeTransfer(string id, string contractId)
{
    public string Id { get; } = id;

    public string ContractId { get; } = contractId;

    public string State { get; set; } = "INITIAL";

    public string? ErrorDetail { get; set; }

    /// <summary>What the service answered to prepare.</summary>
    public JsonNode? PrepareAnswer { get; set; }
}
