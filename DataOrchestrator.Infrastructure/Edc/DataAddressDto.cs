using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>EDC's EDR data address. Holds the EDR token: never log it.</summary>
internal sealed class DataAddressDto
{
    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; set; }

    [JsonPropertyName("authorization")]
    public string? Authorization { get; set; }

    [JsonPropertyName("authType")]
    public string? AuthType { get; set; }

    public override string ToString() => $"DataAddress {{ Endpoint = {Endpoint}, Authorization = *** }}";
}
