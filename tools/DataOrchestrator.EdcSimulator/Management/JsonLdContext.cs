using System.Text.Json.Serialization;
using DataOrchestrator.EdcSimulator.Hosting;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// The compacted JSON-LD context EDC puts on v3 management responses. Where the 3.1.3 spec declares <c>@context</c>
/// as an array of strings (TransferProcess, NegotiationState) v3 uses <see cref="ManagementContextArray"/>; every v4
/// response carries <see cref="ManagementContextV2Array"/>.
/// </summary>
internal sealed class JsonLdContext
{
    public const string EdcNamespace = "https://w3id.org/edc/v0.0.1/ns/";
    public const string OdrlNamespace = "http://www.w3.org/ns/odrl/2/";
    public const string TractusXAuthNamespace = "https://w3id.org/tractusx/auth/";
    public const string ManagementContext = "https://w3id.org/edc/connector/management/v0.0.1";
    public const string ManagementContextV2 = "https://w3id.org/edc/connector/management/v2";
    public const string DcatNamespace = "http://www.w3.org/ns/dcat#";
    public const string DctNamespace = "http://purl.org/dc/terms/";
    public const string DspaceNamespace = "https://w3id.org/dspace/v0.8/";

    private JsonLdContext(string? tractusXAuth, bool catalog = false)
    {
        TxAuth = tractusXAuth;
        Dcat = catalog ? DcatNamespace : null;
        Dct = catalog ? DctNamespace : null;
        Dspace = catalog ? DspaceNamespace : null;
    }

    public static JsonLdContext Compact { get; } = new(null);

    /// <summary>The compact context plus the Tractus-X <c>tx-auth</c> prefix, for EDRs with refresh fields.</summary>
    public static JsonLdContext CompactWithTractusXAuth { get; } = new(TractusXAuthNamespace);

    /// <summary>The compact context plus the prefixes of EDC's v3 catalog answers (dcat, dct, dspace).</summary>
    public static JsonLdContext CompactCatalog { get; } = new(null, catalog: true);

    public static IReadOnlyList<string> ManagementContextArray { get; } = [ManagementContext];

    public static IReadOnlyList<string> ManagementContextV2Array { get; } = [ManagementContextV2];

    [JsonPropertyName("@vocab")]
    public string Vocab { get; } = EdcNamespace;

    [JsonPropertyName("edc")]
    public string Edc { get; } = EdcNamespace;

    [JsonPropertyName("odrl")]
    public string Odrl { get; } = OdrlNamespace;

    [JsonPropertyName("dcat")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Dcat { get; }

    [JsonPropertyName("dct")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Dct { get; }

    [JsonPropertyName("dspace")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Dspace { get; }

    [JsonPropertyName("tx-auth")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TxAuth { get; }

    /// <summary>v3: the compact object; v4: the v2 context array.</summary>
    public static object For(string apiVersion) =>
        apiVersion == ManagementApiVersion.V4 ? ManagementContextV2Array : Compact;

    /// <summary>For responses the specs type as an array of strings in both versions.</summary>
    public static IReadOnlyList<string> ArrayFor(string apiVersion) =>
        apiVersion == ManagementApiVersion.V4 ? ManagementContextV2Array : ManagementContextArray;
}
