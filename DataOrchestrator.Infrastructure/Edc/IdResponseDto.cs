using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Edc;

internal sealed record IdResponseDto(
    [property: JsonPropertyName("@id")] string? Id,
    [property: JsonPropertyName("createdAt")] long? CreatedAt);
