using System.Text.Json.Serialization;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>One requested item and how far its pipeline got.</summary>
public sealed class OrchestrationItemDto
{
    [JsonPropertyName("index")]
    public int Index { get; set; }

    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    /// <summary>The contract agreement id; for an <c>edc-offer</c> null until its negotiation is FINALIZED.</summary>
    [JsonPropertyName("contract_id")]
    public string? ContractId { get; set; }

    [JsonPropertyName("counter_party_address")]
    public string CounterPartyAddress { get; set; } = string.Empty;

    [JsonPropertyName("connector_id")]
    public string? ConnectorId { get; set; }

    /// <summary>For an <c>edc-offer</c>: the offer's <c>@id</c>; for an <c>edc-catalog</c>: the offer chosen from the catalog, once chosen.</summary>
    [JsonPropertyName("offer_id")]
    public string? OfferId { get; set; }

    /// <summary>For an <c>edc-offer</c> or <c>edc-catalog</c>: the asset.</summary>
    [JsonPropertyName("asset_id")]
    public string? AssetId { get; set; }

    /// <summary>True when the contract agreement is one the connector already held (an <c>edc-catalog</c> item that needed no negotiation).</summary>
    [JsonPropertyName("agreement_reused")]
    public bool AgreementReused { get; set; }

    /// <summary>True when the data came through an EDR the connector already held (REUSE_EDRS), without a new transfer.</summary>
    [JsonPropertyName("edr_reused")]
    public bool EdrReused { get; set; }

    /// <summary>The EDC contract negotiation id, once started; items of one orchestration that need the same agreement share it.</summary>
    [JsonPropertyName("negotiation_id")]
    public string? NegotiationId { get; set; }

    /// <summary>The DSP protocol the client named for this item; null when it is inferred from the address.</summary>
    [JsonPropertyName("protocol")]
    public string? Protocol { get; set; }

    /// <summary>The path the client asked for, relative to the data address endpoint, as it was sent; null when none.</summary>
    /// <example>parts/42/report</example>
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>The query parameters the client asked for, added to the data address endpoint's query; null when none.</summary>
    [JsonPropertyName("query")]
    public Dictionary<string, string>? Query { get; set; }

    /// <summary>The EDC transfer process id, once EDC has given one.</summary>
    /// <example>f3a4b4e9-ccf7-4505-b1ea-50c282249d7a</example>
    [JsonPropertyName("transfer_id")]
    public string? TransferId { get; set; }

    [JsonPropertyName("status")]
    [JsonConverter(typeof(WireNameConverter<ItemStatus>))]
    public ItemStatus Status { get; set; }

    /// <summary>How many times a worker has started this item's pipeline.</summary>
    [JsonPropertyName("attempts")]
    public int Attempts { get; set; }

    [JsonPropertyName("error")]
    public ItemErrorDto? Error { get; set; }

    /// <summary>The errors of earlier rounds, kept when the client retried the item (POST /orchestrate/{id}/retry): newest first, at most 10.</summary>
    [JsonPropertyName("previous_errors")]
    public IReadOnlyList<ItemErrorDto> PreviousErrors { get; set; } = [];

    /// <example>./data/file_f3a4b4e9-ccf7-4505-b1ea-50c282249d7a_20250522151810_0b56e3.json</example>
    [JsonPropertyName("storage_path")]
    public string? StoragePath { get; set; }

    [JsonPropertyName("bytes")]
    public long? Bytes { get; set; }

    /// <summary>While DOWNLOADING: bytes received so far (updated about once a second); once SAVED, the file's size.</summary>
    [JsonPropertyName("bytes_downloaded")]
    public long? BytesDownloaded { get; set; }

    /// <summary>The size the provider's data plane announced (Content-Length); null when it did not.</summary>
    [JsonPropertyName("bytes_total")]
    public long? BytesTotal { get; set; }

    /// <summary>Lower-case hex SHA-256 of the saved file.</summary>
    [JsonPropertyName("sha256")]
    public string? Sha256 { get; set; }

    /// <example>2025-05-22T13:18:03.712301+00:00</example>
    [JsonPropertyName("started_at")]
    public DateTimeOffset? StartedAt { get; set; }

    /// <example>2025-05-22T13:18:10.120455+00:00</example>
    [JsonPropertyName("finished_at")]
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>When the item first had to wait for its connector (WAITING_FOR_CONNECTOR); null if it never had to.</summary>
    [JsonPropertyName("waiting_since")]
    public DateTimeOffset? WaitingSince { get; set; }

    /// <summary>While WAITING_FOR_CONNECTOR: when the item is tried again (its <c>error</c> says why it waits).</summary>
    [JsonPropertyName("next_attempt_at")]
    public DateTimeOffset? NextAttemptAt { get; set; }
}
