using NSwag;

namespace DataOrchestrator.Tests.Support.Conformance;

/// <summary>
/// Validates a JSON body against one schema of EDC's Management API documents, for answers Prism cannot check: a
/// response declared only as <c>default</c> (the dataset request's) is forwarded by Prism without validation.
/// </summary>
internal static class ManagementApiSchemas
{
    public static async Task<IReadOnlyList<string>> ValidateAsync(string specVersion, string schemaName, string json)
    {
        var document = await OpenApiYamlDocument.FromFileAsync(RepositoryPaths.ManagementApi(specVersion));
        var schema = document.Components.Schemas[schemaName];
        return schema.Validate(json).Select(error => error.ToString()).ToArray();
    }
}
