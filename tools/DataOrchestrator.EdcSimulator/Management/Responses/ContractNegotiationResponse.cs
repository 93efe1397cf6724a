using System.Text.Json.Serialization;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Negotiations;

namespace DataOrchestrator.EdcSimulator.Management.Responses;

/// <summary>
/// Answer to GET /v3|v4/contractnegotiations/{id} (spec schema ContractNegotiation). contractAgreementId appears once
/// FINALIZED, errorDetail once failed; profile is a v4 member and carries the protocol string.
/// </summary>
internal sealed class ContractNegotiationResponse
{
    [JsonPropertyName("@id")]
    public required string Id { get; init; }

    [JsonPropertyName("@type")]
    public string JsonLdType { get; } = "ContractNegotiation";

    public string Type { get; } = "CONSUMER";

    public required string State { get; init; }

    public required long StateTimestamp { get; init; }

    public required long CreatedAt { get; init; }

    public required string Protocol { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Profile { get; init; }

    public required string CounterPartyAddress { get; init; }

    public required string CounterPartyId { get; init; }

    public required string AssetId { get; init; }

    public required string CorrelationId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ContractAgreementId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ErrorDetail { get; init; }

    public IReadOnlyList<object> CallbackAddresses { get; } = [];

    [JsonPropertyName("@context")]
    public required object Context { get; init; }

    public static ContractNegotiationResponse From(SimulatedNegotiation negotiation, long nowMs, string apiVersion)
    {
        var status = negotiation.StatusAt(nowMs);
        var request = negotiation.Request;
        return new ContractNegotiationResponse
        {
            Id = negotiation.Id,
            State = status.State,
            StateTimestamp = status.StateTimestamp,
            CreatedAt = negotiation.CreatedAtMs,
            Protocol = request.Protocol,
            Profile = apiVersion == ManagementApiVersion.V4 ? request.Protocol : null,
            CounterPartyAddress = request.CounterPartyAddress,
            CounterPartyId = request.CounterPartyId,
            AssetId = request.AssetId,
            CorrelationId = negotiation.CorrelationId,
            ContractAgreementId = negotiation.ContractAgreementIdFor(status),
            ErrorDetail = negotiation.ErrorDetailFor(status),
            Context = JsonLdContext.For(apiVersion),
        };
    }
}
