using System.Text.Json.Nodes;
using DataOrchestrator.EdcSimulator.Scenarios;

namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>
/// The provider DataAddress a consumer control plane forwards in <c>/started</c>, as EDC builds it (a DSP DataAddress
/// whose <c>endpointProperties</c> hold every EDC property, <c>…/ns/type</c> and <c>…/ns/endpoint</c> included), in
/// one of three forms: the DPS HTTP profile, EDC's e2e <c>http</c> address or MVD's <c>access_token</c> address.
/// </summary>
internal static class DpsDataAddress
{
    public const string HttpPullProfile = "https://w3id.org/dspace-sig/profile/http-pull";
    public const string EdcTypeProperty = "https://w3id.org/edc/v0.0.1/ns/type";
    public const string EdcEndpointProperty = "https://w3id.org/edc/v0.0.1/ns/endpoint";

    public static JsonObject Build(string form, string endpoint, string token)
    {
        var endpointType = form == DataAddressForms.Spec ? HttpPullProfile : "http";
        var properties = form switch
        {
            DataAddressForms.Spec => new JsonArray(Property("authorization", token), Property("authType", "bearer")),
            DataAddressForms.Edc => new JsonArray(Property("authorization", token)),
            _ => new JsonArray(Property("access_token", token)),
        };
        properties.Add(Property(EdcTypeProperty, endpointType));
        properties.Add(Property(EdcEndpointProperty, endpoint));
        return new JsonObject
        {
            ["@type"] = "DataAddress",
            ["endpointType"] = endpointType,
            ["endpoint"] = endpoint,
            ["endpointProperties"] = properties,
        };
    }

    private static JsonObject Property(string name, string value) =>
        new() { ["@type"] = "EndpointProperty", ["name"] = name, ["value"] = value };
}
