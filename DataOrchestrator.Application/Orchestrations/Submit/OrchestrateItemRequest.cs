using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataOrchestrator.Application.Orchestrations.Submit;

/// <summary>
/// One EDC item to fetch, as the original service's clients send it (camelCase): an <c>edc-asset</c> with a contract
/// agreement id, an <c>edc-offer</c> that the service negotiates into an agreement first, or an <c>edc-catalog</c> asset
/// whose offer the service finds in the provider's catalog (reusing an agreement the connector holds, or negotiating).
/// </summary>
public sealed class OrchestrateItemRequest
{
    /// <summary>
    /// <c>edc-asset</c> (the default when left out) for an item with <c>contractId</c>, <c>edc-offer</c> for an offer to
    /// negotiate, or <c>edc-catalog</c> for an asset id to look up in the provider's catalog.
    /// </summary>
    /// <example>edc-asset</example>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The provider's DSP endpoint, e.g. <c>http://provider-qna-controlplane:8082/api/dsp</c>.</summary>
    /// <example>http://provider-qna-controlplane:8082/api/dsp</example>
    [JsonPropertyName("counterPartyAddress")]
    public string? CounterPartyAddress { get; set; }

    /// <summary>The contract agreement id; required for <c>edc-asset</c>, not allowed for <c>edc-offer</c>.</summary>
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

    /// <summary>For <c>edc-offer</c> and <c>edc-catalog</c>: the provider's participant id (the offer's assigner).</summary>
    /// <example>did:web:provider-identityhub%3A7083:provider</example>
    [JsonPropertyName("counterPartyId")]
    public string? CounterPartyId { get; set; }

    /// <summary>For <c>edc-offer</c>: the offer's <c>@id</c> from the provider's catalog.</summary>
    /// <example>MWE4YjI3ZDMtZjQ4Yi00ZmNkLWE5NjEtYzU1ZmNiMmU5YTZj:YXNzZXQtMQ==:ZGQ4ZjQzNjUtMDQ0OS00ZjBkLWIxNTMtMWIzNzQ1ODkyYjE4</example>
    [JsonPropertyName("offerId")]
    public string? OfferId { get; set; }

    /// <summary>For <c>edc-offer</c>: the asset the offer is for; for <c>edc-catalog</c>: the asset to look up.</summary>
    /// <example>asset-1</example>
    [JsonPropertyName("assetId")]
    public string? AssetId { get; set; }

    /// <summary>
    /// Optional. For <c>edc-offer</c>: the offer's ODRL policy as the catalog shows it (permission, prohibition,
    /// obligation, …); the service sets its <c>@id</c>, <c>target</c> and, when absent, <c>assigner</c>. For
    /// <c>edc-catalog</c>: only an offer with exactly these rules may be chosen (on top of ACCEPTED_POLICIES_FILE).
    /// </summary>
    [JsonPropertyName("policy")]
    public Dictionary<string, JsonElement>? Policy { get; set; }

    /// <summary>
    /// For <c>edc-catalog</c>, optional (default true, when REUSE_AGREEMENTS is on): reuse the newest contract agreement
    /// the connector holds for this asset and provider whose policy is still acceptable, instead of negotiating.
    /// </summary>
    [JsonPropertyName("reuseAgreement")]
    public bool? ReuseAgreement { get; set; }

    /// <summary>
    /// Optional, any type: a path relative to the data address endpoint the data is downloaded from (for providers
    /// whose asset is a whole REST API), joined to it with one <c>/</c>; a leading <c>/</c> is ignored. Refused: a scheme,
    /// <c>.</c> or <c>..</c> segments (also percent-encoded), empty segments, <c>?</c>, <c>#</c>, <c>\</c> and control
    /// characters. Characters a URL path cannot hold are percent-encoded; valid <c>%XX</c> escapes are kept.
    /// </summary>
    /// <example>parts/42/report</example>
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>
    /// Optional, any type: query parameters (name → string value, at most 50), URL-encoded and added after the endpoint's
    /// own query, in name order.
    /// </summary>
    [JsonPropertyName("query")]
    public Dictionary<string, string>? Query { get; set; }
}
