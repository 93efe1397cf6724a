using System.Text.Json;
using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.DataFlows;

/// <summary>
/// Reads a DPS DataAddress (a DSP DataAddress: <c>endpointType</c>, <c>endpoint</c>, <c>endpointProperties</c>) in the
/// three forms met in practice: the HTTP profile's (<c>authorization</c> + <c>authType</c>), EDC's (the endpoint in
/// the property <c>https://w3id.org/edc/v0.0.1/ns/endpoint</c>) and MVD's (<c>access_token</c>). Unknown properties,
/// token renewal ones included, are ignored. The token goes as Bearer (the only <c>authType</c> the profile defines,
/// and what EDC and MVD data planes expect); another <c>authType</c> is refused.
/// </summary>
public static class DataAddressReader
{
    private const string EdcNamespace = "https://w3id.org/edc/v0.0.1/ns/";

    public static EndpointDataReference Read(string? dataAddress, bool allowHttp)
    {
        if (dataAddress is null)
        {
            throw Invalid("the started notification carried no data address.");
        }

        Dictionary<string, string> properties;
        string? endpointValue;
        try
        {
            using var document = JsonDocument.Parse(dataAddress);
            var root = document.RootElement;
            properties = Properties(root);
            endpointValue = (root.TryGetProperty("endpoint", out var top) && top.ValueKind == JsonValueKind.String ? top.GetString() : null)
                ?? Find(properties, "endpoint");
        }
        catch (JsonException)
        {
            throw Invalid("the data address is not JSON.");
        }

        if (!Uri.TryCreate(endpointValue, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw Invalid("the data address names no absolute http(s) endpoint.");
        }

        if (endpoint.Scheme == Uri.UriSchemeHttp && !allowHttp)
        {
            throw new ItemFailedException(ItemError.Of(
                ItemErrorCodes.DataAddressNotHttps,
                $"The provider's data address endpoint {endpoint.GetLeftPart(UriPartial.Authority)} is not HTTPS, which the DPS HTTP profile requires (DATAPLANE_ALLOW_HTTP_ENDPOINTS allows it)."));
        }

        var token = Find(properties, "authorization") ?? Find(properties, "access_token") ?? string.Empty;
        var authType = Find(properties, "authType");
        if (authType is not null && !authType.Equals("bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid($"authType '{(authType.Length > 40 ? authType[..40] : authType)}' is not supported (only bearer).");
        }

        return new EndpointDataReference(endpoint, token, authType ?? (token.Length > 0 ? "bearer" : null)) { Bearer = true };
    }

    /// <summary>The endpoint properties by name; a name in EDC's namespace also counts under its short name, where that is not taken.</summary>
    private static Dictionary<string, string> Properties(JsonElement root)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("endpointProperties", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return properties;
        }

        foreach (var property in list.EnumerateArray())
        {
            if (property.ValueKind == JsonValueKind.Object
                && property.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                && property.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
            {
                properties.TryAdd(name.GetString()!, value.GetString()!);
            }
        }

        return properties;
    }

    private static string? Find(Dictionary<string, string> properties, string name) =>
        properties.TryGetValue(name, out var value) || properties.TryGetValue(EdcNamespace + name, out value) ? value : null;

    private static ItemFailedException Invalid(string reason) =>
        new(ItemError.Of(ItemErrorCodes.DataAddressInvalid, $"The provider's data address cannot be used: {reason}"));
}
