using System.Text.Json.Serialization;

namespace DataOrchestrator.EdcSimulator.Management.Responses;

/// <summary>The cached EDR of a PULL transfer (spec schema DataAddress, EDC HttpData EDR fields).</summary>
internal sealed class DataAddressResponse
{
    private const string HttpEndpointType = "https://w3id.org/idsa/v4.1/HTTP";

    [JsonPropertyName("@type")]
    public string JsonLdType { get; } = "DataAddress";

    public string Type { get; } = HttpEndpointType;

    public required string Endpoint { get; init; }

    public string AuthType { get; } = "bearer";

    public string EndpointType { get; } = HttpEndpointType;

    public required string Authorization { get; init; }

    [JsonPropertyName("@context")]
    public JsonLdContext Context { get; } = JsonLdContext.Compact;
}
