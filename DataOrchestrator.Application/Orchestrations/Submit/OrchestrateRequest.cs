using System.Text.Json.Serialization;

namespace DataOrchestrator.Application.Orchestrations.Submit;

/// <summary>The body of POST /orchestrate.</summary>
public sealed class OrchestrateRequest
{
    /// <summary>The EDC items to fetch, at least one.</summary>
    /// <remarks>Elements may still arrive as null from JSON; the validator reports them.</remarks>
    [JsonPropertyName("data")]
    public IList<OrchestrateItemRequest>? Data { get; set; }

    /// <summary>The consumer connector, e.g. <c>http://host/consumer/cp</c>; its Management API is under it.</summary>
    /// <example>http://x.x.x.x/consumer/cp</example>
    [JsonPropertyName("connectorAddress")]
    public string? ConnectorAddress { get; set; }

    /// <summary>
    /// Optional: an absolute http(s) URL that receives the orchestration's status entry, signed, once it finishes
    /// (COMPLETED, PARTIALLY_COMPLETED, FAILED or CANCELLED). Refused while the service has no CALLBACK_SECRET.
    /// </summary>
    /// <example>https://client.example/hooks/orchestrations</example>
    [JsonPropertyName("callbackUrl")]
    public string? CallbackUrl { get; set; }
}
