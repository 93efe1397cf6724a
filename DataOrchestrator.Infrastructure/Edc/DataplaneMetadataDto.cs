using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>The v4 TransferRequest's <c>dataplaneMetadata</c>: the labels the connector selects a data plane by.</summary>
internal sealed record DataplaneMetadataDto(
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("properties")] Dictionary<string, string> Properties);
