using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// Body of <c>POST /{v3|v4}/transferprocesses</c> in the form each spec declares: v3 (3.1.3) with connectorId and the
/// HttpProxy destination, v4 (4.1.0) without either (its TransferRequest has neither; PULL needs only transferType).
/// The attempt key goes into <c>privateProperties</c>, where every EDC version keeps it, so the transfer can be found by
/// it (<see cref="TransferAttemptKeys"/>); it is also the <c>@id</c>, which EDC up to 0.16 takes as the process id
/// (0.17 and later ignore it). A DPS transfer (v4) names the transfer type the service registered and carries
/// <c>dataplaneMetadata</c>.
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

    [JsonPropertyName("privateProperties")]
    public required IReadOnlyDictionary<string, string> PrivateProperties { get; init; }
}
