using System.Text.Json.Nodes;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>
/// The bodies the consumer control plane sends to its data plane, as EDC fills them
/// (<c>DataPlaneSignalingFlowController</c>): prepare in the 0.18.0 (RC2) or main (RC3) shape, started, terminate,
/// suspend and resume.
/// </summary>
internal static class DpsMessages
{
    public const string ConsumerId = "did:web:edc-simulator:consumer";
    public const string DefaultProviderId = "did:web:edc-simulator:provider";

    public static JsonObject Prepare(SimulatedTransfer transfer, DpsFlow flow)
    {
        var request = transfer.Request;
        var providerId = request.ConnectorId ?? DefaultProviderId;
        var message = new JsonObject
        {
            ["messageId"] = NewId(),
            ["participantId"] = ConsumerId,
            ["counterPartyId"] = providerId,
            ["dataspaceContext"] = request.Protocol,
            ["processId"] = transfer.Id,
            ["agreementId"] = transfer.ContractId,
            ["datasetId"] = transfer.AssetId,
            // 0.18.0 tells the data plane where to call back; main leaves the field unset (written as null).
            ["callbackAddress"] = flow.Shape == DpsShapes.V018 ? flow.SignalingAddress : null,
        };
        message[flow.Shape == DpsShapes.V018 ? "transferType" : "profile"] = request.TransferType;
        message["labels"] = new JsonArray((request.Labels ?? []).Select(label => (JsonNode?)JsonValue.Create(label)).ToArray());
        message["metadata"] = request.DataplaneProperties is { } properties ? JsonNode.Parse(properties.GetRawText()) : new JsonObject();
        message["claims"] = new JsonObject { ["sub"] = providerId };
        return message;
    }

    public static JsonObject Started(JsonObject dataAddress) =>
        new() { ["messageId"] = NewId(), ["dataAddress"] = dataAddress };

    public static JsonObject Terminate(string? reason) =>
        reason is null
            ? new JsonObject { ["messageId"] = NewId() }
            : new JsonObject { ["messageId"] = NewId(), ["reason"] = reason };

    public static JsonObject Suspend() => new() { ["messageId"] = NewId(), ["reason"] = "suspend" };

    // A consumer pull gets no new DataAddress on resume: the consumer is not the "data address owner".
    public static JsonObject Resume() => new() { ["messageId"] = NewId() };

    private static string NewId() => Guid.NewGuid().ToString();
}
