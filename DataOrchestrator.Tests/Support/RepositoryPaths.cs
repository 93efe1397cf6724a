using DataOrchestrator.Testing;

namespace DataOrchestrator.Tests.Support;

/// <summary>Files of the repository the tests check against (the committed contract).</summary>
internal static class RepositoryPaths
{
    public static string Root => RepositoryRoot.Path;

    public static string OpenApiDocument => Path.Combine(Root, "docs", "openapi.json");

    /// <summary>The reference of every setting, kept complete by <c>ConfigurationDocsTests</c>.</summary>
    public static string ConfigurationDocs => Path.Combine(Root, "docs", "configuration.md");

    /// <summary>EDC's published Management API 3.1.3 (EDC 0.14, MVD 0.14), in the shared folder beside the repository.</summary>
    public static string ManagementApiSpec => ManagementApi("3.1.3");

    /// <summary>EDC's published Management API document of one version: 3.1.3 (EDC 0.14), 3.1.6 (v3 of EDC 0.17/0.18), 4.1.0 (v4 of EDC 0.18).</summary>
    public static string ManagementApi(string version) => Path.Combine(Root, "..", "shared", "edc", "connector", "openapi", $"management-api-{version}.yaml");

    /// <summary>The Data Plane Signaling message schemas (spec 1.0), in the shared folder beside the repository.</summary>
    public static string DpsSchemas => Path.Combine(Root, "..", "shared", "dps", "specifications", "schemas");

    /// <summary>The DSP 2025-1 DataAddress schema the DPS schemas refer to.</summary>
    public static string DspDataAddressSchema => Path.Combine(Root, "..", "shared", "dps", "dsp-2025-1", "transfer", "data-address-schema.json");

    /// <summary>Prism, installed by test.sh with <c>npm ci --prefix conformance</c>.</summary>
    public static string Prism => Path.Combine(Root, "conformance", "node_modules", ".bin", "prism");
}
