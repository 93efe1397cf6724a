using System.Text.Json.Serialization;

namespace DataOrchestrator.Application.Orchestrations;

/// <summary>One EDC item to fetch, as the original service's clients send it (camelCase).</summary>
public sealed class OrchestrateItemRequest
{
    /// <summary>Always <c>edc-asset</c>; may be left out.</summary>
    /// <example>edc-asset</example>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The provider's DSP endpoint, e.g. <c>http://provider-qna-controlplane:8082/api/dsp</c>.</summary>
    /// <example>http://provider-qna-controlplane:8082/api/dsp</example>
    [JsonPropertyName("counterPartyAddress")]
    public string? CounterPartyAddress { get; set; }

    /// <summary>The contract agreement id.</summary>
    /// <example>2b9d3ab6-8325-4c0f-a1f9-56f0e103585e</example>
    [JsonPropertyName("contractId")]
    public string? ContractId { get; set; }

    /// <summary>The provider's participant id (ignored by EDC 0.5 and later, sent along anyway).</summary>
    /// <example>did:web:provider-identityhub:7083:provider</example>
    [JsonPropertyName("connectorId")]
    public string? ConnectorId { get; set; }

    /// <summary>
    /// The Dataspace Protocol version to use. Optional: by default it follows from the end of
    /// <c>counterPartyAddress</c> (<c>/api/dsp</c>, <c>/api/dsp/2024/1</c>, <c>/api/dsp/2025-1</c>), else EDC_PROTOCOL.
    /// </summary>
    /// <example>dataspace-protocol-http:2025-1</example>
    [JsonPropertyName("protocol")]
    public string? Protocol { get; set; }
}
