using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>A PULL transfer's destination: EDC's HttpProxy, i.e. "give me an EDR".</summary>
internal sealed record DataDestinationDto(
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("type")] string DestinationType);
