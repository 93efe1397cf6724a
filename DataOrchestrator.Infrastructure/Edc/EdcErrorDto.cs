using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>One entry of EDC's error array; <c>invalidValue</c> may be any JSON value.</summary>
internal sealed record EdcErrorDto(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("invalidValue")] JsonElement? InvalidValue);
