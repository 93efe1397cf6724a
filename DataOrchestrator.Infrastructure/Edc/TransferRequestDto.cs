using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>Body of <c>POST /v3/transferprocesses</c>, in the form management-api-3.1.3.yaml declares (array <c>@context</c>).</summary>
internal sealed record TransferRequestDto(
    [property: JsonPropertyName("@context")] IReadOnlyList<string> Context,
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("counterPartyAddress")] string CounterPartyAddress,
    [property: JsonPropertyName("contractId")] string ContractId,
    [property: JsonPropertyName("connectorId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ConnectorId,
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("transferType")] string TransferType,
    [property: JsonPropertyName("dataDestination")] DataDestinationDto DataDestination);
