using System.Text.Json;
using System.Text.Json.Serialization;
using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator.Management.Responses;

/// <summary>
/// Answer to GET /v3|v4/transferprocesses/{id} and each element of a query's answer (spec schema TransferProcess).
/// No <c>privateProperties</c>, although 3.1.3's example shows some: EDC's JsonObjectFromTransferProcessTransformer
/// (0.14 to 0.18 and main) never writes them, so a client can filter on them but not read them back.
/// </summary>
internal sealed class TransferProcessResponse
{
    [JsonPropertyName("@id")]
    public required string Id { get; init; }

    [JsonPropertyName("@type")]
    public string JsonLdType { get; } = "TransferProcess";

    public required string State { get; init; }

    public required long StateTimestamp { get; init; }

    public string Type { get; } = "CONSUMER";

    public required string AssetId { get; init; }

    public required string ContractId { get; init; }

    public required string CorrelationId { get; init; }

    public required string TransferType { get; init; }

    public required string Protocol { get; init; }

    public required string CounterPartyAddress { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ErrorDetail { get; init; }

    public required JsonElement DataDestination { get; init; }

    public IReadOnlyList<object> CallbackAddresses { get; } = [];

    // Both specs declare this @context as an array of strings, unlike most v3 responses.
    [JsonPropertyName("@context")]
    public required IReadOnlyList<string> Context { get; init; }

    public static TransferProcessResponse From(SimulatedTransfer transfer, long nowMs, string apiVersion)
    {
        var status = transfer.StatusAt(nowMs);
        return new TransferProcessResponse
        {
            Id = transfer.Id,
            State = status.State,
            StateTimestamp = status.StateTimestamp,
            AssetId = transfer.AssetId,
            ContractId = transfer.ContractId,
            CorrelationId = transfer.CorrelationId,
            TransferType = transfer.Request.TransferType,
            Protocol = transfer.Request.Protocol,
            CounterPartyAddress = transfer.Request.CounterPartyAddress,
            ErrorDetail = transfer.ErrorDetailFor(status),
            DataDestination = transfer.Request.DataDestination,
            Context = JsonLdContext.ArrayFor(apiVersion),
        };
    }
}
