using System.Text.Json.Serialization;
using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator.Management.Responses;

/// <summary>
/// One element of POST /v3/edrs/request's answer (3.1.6 EndpointDataReferenceEntryV3, Tractus-X EDR cache): a
/// transfer whose EDR is cached, named by the transfer process id. createdAt (epoch ms) is when it STARTED.
/// contractNegotiationId and providerId are left out when unknown (an agreement the simulator did not negotiate).
/// </summary>
internal sealed class EdrEntryResponse
{
    [JsonPropertyName("@id")]
    public required string Id { get; init; }

    [JsonPropertyName("@type")]
    public string JsonLdType { get; } = "EndpointDataReferenceEntry";

    public required string TransferProcessId { get; init; }

    public required string AgreementId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ContractNegotiationId { get; init; }

    public required string AssetId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ProviderId { get; init; }

    public required long CreatedAt { get; init; }

    [JsonPropertyName("@context")]
    public object Context { get; } = JsonLdContext.Compact;

    public static EdrEntryResponse From(SimulatedTransfer transfer, long nowMs) => new()
    {
        Id = transfer.Id,
        TransferProcessId = transfer.Id,
        AgreementId = transfer.ContractId,
        ContractNegotiationId = transfer.HeldAgreement?.NegotiationId,
        AssetId = transfer.AssetId,
        ProviderId = transfer.ProviderId,
        CreatedAt = transfer.StatusAt(nowMs).StateTimestamp,
    };
}
