using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// Body of <c>PUT /v4/dataplanes</c> (management-api-4.1.0.yaml): plain JSON, no <c>@context</c>. EDC reads
/// <c>transferTypes</c> (spec RC2's name), not RC3's <c>profiles</c>; no <c>authorization</c> means EDC sends no token.
/// EDC reads <c>authorization</c> as a map of plain values (4.1.0's OpenAPI types them as objects: a generator artefact).
/// </summary>
internal sealed record DataPlaneRegistrationDto(
    [property: JsonPropertyName("dataplaneId")] string DataplaneId,
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("transferTypes")] IReadOnlyList<string> TransferTypes,
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("authorization"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Authorization);
