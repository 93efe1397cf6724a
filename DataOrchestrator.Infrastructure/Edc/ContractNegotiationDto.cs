using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>The parts of EDC's ContractNegotiation the pipeline reads.</summary>
internal sealed record ContractNegotiationDto(
    [property: JsonPropertyName("@id")] string? Id,
    [property: JsonPropertyName("state")] string? State,
    [property: JsonPropertyName("contractAgreementId")] string? ContractAgreementId,
    [property: JsonPropertyName("errorDetail")] string? ErrorDetail);
