using System.Text;
using System.Text.Json.Nodes;

namespace DataOrchestrator.Tests.Support.Requests;

/// <summary>
/// Deterministic malformed DPS messages for the signaling endpoints, in the style of <see cref="BadRequestCatalog"/>:
/// every required field removed, every field given each wrong JSON type, every prefix of a valid body, bad content
/// types and encodings, deep nesting, hostile ids. All against one flow that exists, so that nothing but the message
/// itself can be the reason for the refusal.
/// </summary>
internal static class BadSignalingCatalog
{
    private static readonly string[] NotStrings = ["42", "true", "null", "[]", "{}", "[\"x\"]"];
    private static readonly string[] NotObjects = ["42", "\"x\"", "true", "[]", "null"];

    private static readonly string[] WrongContentTypes =
        ["text/plain", "application/xml", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "application/jsonx", "multipart/form-data; boundary=x"];

    private static readonly string[] HostileIds = ["%0A", "%0D%0ASet-Cookie:%20x=y", "%1B%5B31m", new string('a', 300), new string('9', 5_000)];

    public static IReadOnlyList<BadRequest> Generate(string flowId)
    {
        var requests = new List<BadRequest>();
        var prepare = Prepare(flowId);
        var started = Started();
        void Post(string name, string path, string body, string? contentType = "application/json") =>
            requests.Add(new BadRequest(name, path.StartsWith("PUT ", StringComparison.Ordinal) ? "PUT" : "POST", path.Replace("PUT ", string.Empty, StringComparison.Ordinal),
                Encoding.UTF8.GetBytes(body), contentType, [], []));

        var messages = new (string Path, string Valid, string[] Required, string[] StringFields, string[] ObjectFields)[]
        {
            ("/signaling/dataflows/prepare", prepare,
                ["messageId", "participantId", "counterPartyId", "dataspaceContext", "processId", "agreementId", "datasetId", "profile", "claims"],
                ["messageId", "participantId", "counterPartyId", "dataspaceContext", "processId", "agreementId", "datasetId", "profile"], ["claims", "metadata"]),
            ($"/signaling/dataflows/{flowId}/started", started,
                ["messageId", "dataAddress", "dataAddress.@type", "dataAddress.endpointType", "dataAddress.endpointProperties.0.name", "dataAddress.endpointProperties.0.value", "dataAddress.endpointProperties.0.@type"],
                ["messageId", "dataAddress.@type", "dataAddress.endpointType", "dataAddress.endpoint", "dataAddress.endpointProperties.0.name", "dataAddress.endpointProperties.0.value"], ["dataAddress"]),
            ($"/signaling/dataflows/{flowId}/suspend", "{\"messageId\":\"m-1\",\"reason\":\"maintenance\"}", ["messageId"], ["messageId", "reason"], []),
            ($"/signaling/dataflows/{flowId}/resume", "{\"messageId\":\"m-1\"}", ["messageId"], ["messageId"], ["dataAddress"]),
            ($"/signaling/dataflows/{flowId}/terminate", "{\"messageId\":\"m-1\",\"reason\":\"done\"}", ["messageId"], ["messageId", "reason"], []),
            ("PUT /signaling/controlplanes", "{\"controlplaneId\":\"cp-1\",\"endpoint\":\"http://cp.example/api/signaling\",\"authorization\":{\"type\":\"none\"}}",
                ["controlplaneId", "endpoint", "authorization"], ["controlplaneId", "endpoint", "authorization.type"], ["authorization"]),
        };

        foreach (var (path, valid, required, strings, objects) in messages)
        {
            foreach (var field in required)
            {
                Post($"{path} missing {field}", path, Edit(valid, field, null));
            }

            foreach (var field in strings)
            {
                foreach (var value in NotStrings)
                {
                    Post($"{path} wrong-type {field}={value}", path, Edit(valid, field, value));
                }
            }

            foreach (var field in objects)
            {
                foreach (var value in NotObjects)
                {
                    Post($"{path} wrong-type {field}={value}", path, Edit(valid, field, value));
                }
            }

            for (var length = 0; length < valid.Length; length += 7)
            {
                Post($"{path} truncated at {length}", path, valid[..length]);
            }

            foreach (var contentType in WrongContentTypes)
            {
                Post($"{path} content-type {contentType}", path, valid, contentType);
            }

            Post($"{path} content-type none", path, valid, contentType: null);
            foreach (var body in new[] { "null", "[]", "42", "\"x\"", "{}", string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40)) })
            {
                Post($"{path} body {BadRequest.Shorten(body)}", path, body);
            }

            var bytes = Encoding.UTF8.GetBytes(valid);
            requests.Add(new BadRequest($"{path} invalid-utf8", path.StartsWith("PUT ", StringComparison.Ordinal) ? "PUT" : "POST",
                path.Replace("PUT ", string.Empty, StringComparison.Ordinal), [.. bytes[..5], 0xFF, 0xFE, .. bytes[5..]], "application/json", [], []));
        }

        Post("started dataAddress @type not DataAddress", $"/signaling/dataflows/{flowId}/started", Edit(started, "dataAddress.@type", "\"Other\""));
        Post("started endpointProperties empty", $"/signaling/dataflows/{flowId}/started", Edit(started, "dataAddress.endpointProperties", "[]"));
        Post("prepare (RC2) callbackAddress not http", "/signaling/dataflows/prepare", Rc2Prepare(flowId, "\"ftp://cp.example/x\""));
        Post("prepare (RC2) callbackAddress not a URI", "/signaling/dataflows/prepare", Rc2Prepare(flowId, "\"not a uri\""));
        Post("prepare (RC2) callbackAddress a number", "/signaling/dataflows/prepare", Rc2Prepare(flowId, "42"));
        Post("prepare (RC2) without transferType", "/signaling/dataflows/prepare", Edit(Rc2Prepare(flowId, "\"http://cp.example\""), "transferType", null));
        Post("prepare processId too long", "/signaling/dataflows/prepare", Edit(prepare, "processId", "\"" + new string('p', 300) + "\""));
        Post("controlplane endpoint not a URL", "PUT /signaling/controlplanes", "{\"controlplaneId\":\"cp-1\",\"endpoint\":\"not a url\",\"authorization\":{}}");
        foreach (var id in HostileIds)
        {
            foreach (var signal in new[] { "started", "suspend", "resume", "terminate", "completed" })
            {
                Post($"hostile id {BadRequest.Shorten(id)} {signal}", $"/signaling/dataflows/{id}/{signal}", "{\"messageId\":\"m\"}");
            }

            requests.Add(new BadRequest($"hostile id {BadRequest.Shorten(id)} status", "GET", $"/signaling/dataflows/{id}/status", null, null, [], []));
        }

        return requests;
    }

    public static string Prepare(string processId) => new JsonObject
    {
        ["messageId"] = "m-1", ["participantId"] = "did:web:consumer", ["counterPartyId"] = "did:web:provider", ["dataspaceContext"] = "ds",
        ["processId"] = processId, ["agreementId"] = "agreement-1", ["datasetId"] = "asset-1", ["profile"] = "HttpData-PULL",
        ["claims"] = new JsonObject(), ["labels"] = new JsonArray(), ["metadata"] = new JsonObject(),
    }.ToJsonString();

    /// <summary>The EDC 0.18.0 (spec RC2) shape: <c>transferType</c> instead of <c>profile</c>, and a callback address (JSON value).</summary>
    public static string Rc2Prepare(string processId, string callbackAddressJson) =>
        Edit(Edit(Edit(Prepare(processId), "profile", null), "transferType", "\"HttpData-PULL\""), "callbackAddress", callbackAddressJson);

    public static string Started() =>
        """{"messageId":"m-2","dataAddress":{"@type":"DataAddress","endpointType":"https://w3id.org/dspace-sig/profile/http-pull","endpoint":"https://provider.example/data","endpointProperties":[{"@type":"EndpointProperty","name":"authorization","value":"secret-token"},{"@type":"EndpointProperty","name":"authType","value":"bearer"}]}}""";

    /// <summary>The valid body with the field at a dotted path (numbers index arrays) set to a JSON value, or removed when null.</summary>
    public static string Edit(string valid, string path, string? valueJson)
    {
        var root = JsonNode.Parse(valid)!;
        var segments = path.Split('.');
        var parent = segments[..^1].Aggregate(root, (node, segment) => int.TryParse(segment, out var i) ? node[i]! : node[segment]!);
        var last = segments[^1];
        if (parent is JsonArray array && int.TryParse(last, out var index))
        {
            array[index] = valueJson is null ? null : JsonNode.Parse(valueJson);
        }
        else if (valueJson is null)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = JsonNode.Parse(valueJson);
        }

        return root.ToJsonString();
    }
}
