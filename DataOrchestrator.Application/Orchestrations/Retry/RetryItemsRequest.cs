using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataOrchestrator.Application.Orchestrations.Retry;

/// <summary>The optional body of a retry: which of the orchestration's items to retry (all FAILED and CANCELLED ones without it).</summary>
public sealed class RetryItemsRequest
{
    /// <summary>Items by transfer id (a string) or by index (an integer, the item's position in the request); null or absent retries all.</summary>
    [JsonPropertyName("items")]
    public List<JsonElement>? Items { get; set; }
}
