using System.Text.Json;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// EDC 0.18's answer to a dataset request for an asset the provider does not offer. The provider's DSP catalog
/// answers 404 with a CatalogError (<c>CatalogProtocolServiceImpl</c>: "Dataset %s does not exist";
/// <c>DspRequestHandlerImpl.forFailure</c> puts the status in <c>code</c>); the consumer's
/// <c>DspHttpRemoteMessageDispatcherImpl.handleResponse</c> makes that a failure "Counter Party responded with
/// %s. Body: %s." of OkHttp's <c>Response.toString()</c> and the body, and <c>BaseCatalogApiController.toResponse</c>
/// throws it as a <c>BadGatewayException</c>: 502, type BadGateway (eclipse-edc/Connector at v0.18.0).
/// </summary>
internal static class CatalogError
{
    private const string Dsp2025Context = "https://w3id.org/dspace/2025/1/context.jsonld";

    public static IResult DatasetNotFound(DatasetRequestData request) =>
        EdcError.Result(StatusCodes.Status502BadGateway, "BadGateway", Message(request));

    public static string Message(DatasetRequestData request)
    {
        var url = $"{request.CounterPartyAddress.TrimEnd('/')}/catalog/datasets/{request.AssetId}";
        return $"Counter Party responded with Response{{protocol=http/1.1, code=404, message=Not Found, url={url}}}. " +
               $"Body: {Body(request)}.";
    }

    // The provider compacts its error in the protocol version asked for: DSP 2025-1 terms, or v0.8's dspace: prefix.
    private static string Body(DatasetRequestData request)
    {
        var reason = new[] { $"Dataset {request.AssetId} does not exist" };
        object body = request.Protocol.EndsWith(":2025-1", StringComparison.Ordinal)
            ? new Dictionary<string, object>
            {
                ["@type"] = "CatalogError",
                ["code"] = "404",
                ["reason"] = reason,
                ["@context"] = new[] { Dsp2025Context },
            }
            : new Dictionary<string, object>
            {
                ["@type"] = "dspace:CatalogError",
                ["dspace:code"] = "404",
                ["dspace:reason"] = reason,
                ["@context"] = new Dictionary<string, string>
                {
                    ["@vocab"] = JsonLdContext.EdcNamespace,
                    ["dspace"] = JsonLdContext.DspaceNamespace,
                },
            };
        return JsonSerializer.Serialize(body, SimulatorJson.Options);
    }
}
