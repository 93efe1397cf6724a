using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>The parts of EDC's TransferProcess the pipeline reads.</summary>
internal sealed record TransferProcessDto(
    [property: JsonPropertyName("@id")] string? Id,
    [property: JsonPropertyName("state")] string? State,
    [property: JsonPropertyName("errorDetail")] string? ErrorDetail);
