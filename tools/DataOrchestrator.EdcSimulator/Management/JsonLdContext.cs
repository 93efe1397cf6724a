using System.Text.Json.Serialization;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// The compacted JSON-LD context EDC puts on management responses. TransferProcess is the exception:
/// the 3.1.3 spec declares its <c>@context</c> as an array of strings, so it gets <see cref="ManagementContextArray"/>.
/// </summary>
internal sealed class JsonLdContext
{
    public const string EdcNamespace = "https://w3id.org/edc/v0.0.1/ns/";
    public const string ManagementContext = "https://w3id.org/edc/connector/management/v0.0.1";

    private JsonLdContext()
    {
    }

    public static JsonLdContext Compact { get; } = new();

    public static IReadOnlyList<string> ManagementContextArray { get; } = [ManagementContext];

    [JsonPropertyName("@vocab")]
    public string Vocab { get; } = EdcNamespace;

    [JsonPropertyName("edc")]
    public string Edc { get; } = EdcNamespace;

    [JsonPropertyName("odrl")]
    public string Odrl { get; } = "http://www.w3.org/ns/odrl/2/";
}
