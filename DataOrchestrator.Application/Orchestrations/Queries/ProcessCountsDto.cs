using System.Text.Json.Serialization;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>How many orchestrations are in each process status; every status is present, zeros included.</summary>
// One property per status rather than a map, so that generated clients get every key typed; a unit test keeps the
// names in step with ProcessStatus.
public sealed class ProcessCountsDto(IReadOnlyDictionary<ProcessStatus, long> counts)
{
    [JsonPropertyName("QUEUED")]
    public long Queued => Of(ProcessStatus.Queued);

    [JsonPropertyName("WAITING_FOR_CONNECTOR")]
    public long WaitingForConnector => Of(ProcessStatus.WaitingForConnector);

    [JsonPropertyName("CATALOG_REQUESTED")]
    public long CatalogRequested => Of(ProcessStatus.CatalogRequested);

    [JsonPropertyName("NEGOTIATION_REQUESTED")]
    public long NegotiationRequested => Of(ProcessStatus.NegotiationRequested);

    [JsonPropertyName("NEGOTIATED")]
    public long Negotiated => Of(ProcessStatus.Negotiated);

    [JsonPropertyName("TRANSFER_REQUESTED")]
    public long TransferRequested => Of(ProcessStatus.TransferRequested);

    [JsonPropertyName("TRANSFER_STARTED")]
    public long TransferStarted => Of(ProcessStatus.TransferStarted);

    [JsonPropertyName("DATA_ADDRESS_RETRIEVED")]
    public long DataAddressRetrieved => Of(ProcessStatus.DataAddressRetrieved);

    [JsonPropertyName("DOWNLOADING")]
    public long Downloading => Of(ProcessStatus.Downloading);

    [JsonPropertyName("COMPLETED")]
    public long Completed => Of(ProcessStatus.Completed);

    [JsonPropertyName("PARTIALLY_COMPLETED")]
    public long PartiallyCompleted => Of(ProcessStatus.PartiallyCompleted);

    [JsonPropertyName("FAILED")]
    public long Failed => Of(ProcessStatus.Failed);

    [JsonPropertyName("CANCELLED")]
    public long Cancelled => Of(ProcessStatus.Cancelled);

    private long Of(ProcessStatus status) => counts.GetValueOrDefault(status);
}
