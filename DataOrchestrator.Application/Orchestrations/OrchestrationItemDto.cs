using System.Text.Json.Serialization;

namespace DataOrchestrator.Application.Orchestrations;

/// <summary>One requested item and how far its pipeline got.</summary>
public sealed class OrchestrationItemDto
{
    [JsonPropertyName("index")]
    public int Index { get; set; }

    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("contract_id")]
    public string ContractId { get; set; } = string.Empty;

    [JsonPropertyName("counter_party_address")]
    public string CounterPartyAddress { get; set; } = string.Empty;

    [JsonPropertyName("connector_id")]
    public string? ConnectorId { get; set; }

    /// <summary>The EDC transfer process id, once EDC has given one.</summary>
    [JsonPropertyName("transfer_id")]
    public string? TransferId { get; set; }

    /// <summary>QUEUED, TRANSFER_REQUESTED, TRANSFER_STARTED, DATA_ADDRESS_RETRIEVED, DOWNLOADING, SAVED or FAILED.</summary>
    [JsonPropertyName("status")]
    public string Status { get; set; } = string.Empty;

    /// <summary>How many times a worker has started this item's pipeline.</summary>
    [JsonPropertyName("attempts")]
    public int Attempts { get; set; }

    [JsonPropertyName("error")]
    public ItemErrorDto? Error { get; set; }

    [JsonPropertyName("storage_path")]
    public string? StoragePath { get; set; }

    [JsonPropertyName("bytes")]
    public long? Bytes { get; set; }

    /// <summary>Lower-case hex SHA-256 of the saved file.</summary>
    [JsonPropertyName("sha256")]
    public string? Sha256 { get; set; }

    [JsonPropertyName("started_at")]
    public DateTimeOffset? StartedAt { get; set; }

    [JsonPropertyName("finished_at")]
    public DateTimeOffset? FinishedAt { get; set; }
}
