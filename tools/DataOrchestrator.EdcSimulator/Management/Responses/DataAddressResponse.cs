using System.Text.Json.Serialization;

namespace DataOrchestrator.EdcSimulator.Management.Responses;

/// <summary>
/// The cached EDR of a PULL transfer (spec schema DataAddress, EDC HttpData EDR fields). The Tractus-X
/// <c>tx-auth:*</c> refresh fields appear only for <c>?auto_refresh=true</c> and refresh answers.
/// </summary>
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

    [JsonPropertyName("tx-auth:refreshEndpoint")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RefreshEndpoint { get; init; }

    [JsonPropertyName("tx-auth:refreshToken")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RefreshToken { get; init; }

    /// <summary>Seconds, as a string like Tractus-X writes it.</summary>
    [JsonPropertyName("tx-auth:expiresIn")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ExpiresIn { get; init; }

    [JsonPropertyName("tx-auth:audience")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Audience { get; init; }

    [JsonPropertyName("tx-auth:refreshAudience")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RefreshAudience { get; init; }

    [JsonPropertyName("@context")]
    public JsonLdContext Context { get; init; } = JsonLdContext.Compact;
}
