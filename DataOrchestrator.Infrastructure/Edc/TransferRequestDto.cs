using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// Body of <c>POST /{v3|v4}/transferprocesses</c> in the form each spec declares: v3 (3.1.3) with connectorId and the
/// HttpProxy destination, v4 (4.1.0) without either (its TransferRequest has neither; PULL needs only transferType).
/// The client-chosen <c>@id</c> makes the request idempotent (EDC returns the existing process for a repeated id), so
/// a start that timed out or failed with a 5xx can be retried without starting a second transfer. A DPS transfer (v4)
/// names the transfer type the service registered and carries <c>dataplaneMetadata</c>.
/// </summary>
internal sealed record TransferRequestDto(
    [property: JsonPropertyName("@context")] IReadOnlyList<string> Context,
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("@id")] string Id,
    [property: JsonPropertyName("counterPartyAddress")] string CounterPartyAddress,
    [property: JsonPropertyName("contractId")] string ContractId,
    [property: JsonPropertyName("connectorId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ConnectorId,
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("transferType")] string TransferType,
    [property: JsonPropertyName("dataDestination"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DataDestinationDto? DataDestination)
{
    /// <summary>DPS only: the labels the connector selects its data plane by.</summary>
    [JsonPropertyName("dataplaneMetadata")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DataplaneMetadataDto? DataplaneMetadata { get; init; }
}
