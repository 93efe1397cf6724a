using System.Text.RegularExpressions;
using NJsonSchema;
using NSwag;

namespace DataOrchestrator.Tests.Support.Contract;

/// <summary>
/// The committed OpenAPI document, used to check real responses: the status code must be documented for the
/// operation, and a JSON body must match the documented schema.
/// </summary>
internal sealed class OpenApiContract
{
    // Without a committed document nothing can be checked here; OpenApiDocumentTests fails on its absence instead.
    private static readonly Lazy<Task<OpenApiContract>> Committed = new(async () => new OpenApiContract(
        File.Exists(RepositoryPaths.OpenApiDocument) ? await OpenApiDocument.FromFileAsync(RepositoryPaths.OpenApiDocument) : new OpenApiDocument()));

    private readonly List<(Regex Path, OpenApiPathItem Item)> _paths;

    private OpenApiContract(OpenApiDocument document)
    {
        _paths = document.Paths
            .Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "$"), p.Value))
            .ToList();
    }

    public static Task<OpenApiContract> LoadAsync() => Committed.Value;

    /// <summary>Violations of the contract by one response; empty when it conforms or the path is not part of the API.</summary>
    public IReadOnlyList<string> Check(HttpMethod method, string path, int status, string? mediaType, string body)
    {
        var match = _paths.FirstOrDefault(p => p.Path.IsMatch(path));
        if (match.Item is null)
        {
            return [];
        }

        var where = $"{method} {path} → {status}";
        if (!match.Item.TryGetValue(method.Method.ToLowerInvariant(), out var operation))
        {
            return status == 405 ? [] : [$"{where}: method not documented"];
        }

        if (!operation.ActualResponses.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response))
        {
            return [$"{where}: status code not documented"];
        }

        if (!response.Content.TryGetValue("application/json", out var content) || content.Schema is null)
        {
            return [];
        }

        if (mediaType != "application/json")
        {
            return [$"{where}: documented as application/json, answered {mediaType ?? "no content type"}"];
        }

        return content.Schema.ActualSchema.Validate(body, SchemaType.OpenApi3).Select(e => $"{where}: {e}").ToArray();
    }
}
