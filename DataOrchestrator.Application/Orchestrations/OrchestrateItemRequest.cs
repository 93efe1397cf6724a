using System.Text.Json.Serialization;

namespace DataOrchestrator.Application.Orchestrations;

/// <summary>One EDC item to fetch, as the original service's clients send it (camelCase).</summary>
public sealed class OrchestrateItemRequest
{
    /// <summary>Always <c>edc-asset</c>; may be left out.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The provider's DSP endpoint, e.g. <c>http://provider-qna-controlplane:8082/api/dsp</c>.</summary>
    [JsonPropertyName("counterPartyAddress")]
    public string? CounterPartyAddress { get; set; }

    /// <summary>The contract agreement id.</summary>
    [JsonPropertyName("contractId")]
    public string? ContractId { get; set; }

    /// <summary>The provider's participant id (ignored by EDC 0.5 and later, sent along anyway).</summary>
    [JsonPropertyName("connectorId")]
    public string? ConnectorId { get; set; }
}
