using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace DataOrchestrator.EdcSimulator;

/// <summary>One serializer configuration for every body the simulator reads or writes.</summary>
internal static class SimulatorJson
{
    public const string ContentType = "application/json";

    public static JsonSerializerOptions Options { get; } = Create();

    // Null members are written unless a member opts
    // out with [JsonIgnore(Condition = WhenWritingNull)] where the spec wants them absent.
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.ReadCommentHandling = JsonCommentHandling.Skip;
        options.AllowTrailingCommas = true;
        // Bodies go to API clients, never into HTML, so EDC messages keep their quotes readable ('…').
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    }

    public static IResult Result(object value, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, Options, ContentType, statusCode);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        return options;
    }
}
