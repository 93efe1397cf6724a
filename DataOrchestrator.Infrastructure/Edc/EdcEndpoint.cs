using Refit;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// The <c>endpoint</c> tag of a Management API request: its method and Refit's route template
/// (<c>GET /v3/transferprocesses/{id}/state</c>). The API version is filled in from the path (a handful of values);
/// every other placeholder stays a placeholder, so ids never become tag values and the tag's cardinality stays bounded.
/// </summary>
internal static class EdcEndpoint
{
    /// <summary>The path of a request that carries no route template; nothing of the URL is used.</summary>
    public const string UnknownPath = "unknown";

    private const string VersionPlaceholder = "{version}";
    private const int MaxVersionLength = 16;

    public static string Of(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = (IReadOnlyDictionary<string, object?>)request.Options;
        var template = options.TryGetValue(HttpRequestMessageOptions.RelativePathTemplate, out var value) ? value as string : null;
        return Of(request.Method.Method, template, request.RequestUri?.AbsolutePath);
    }

    /// <param name="method">The HTTP method.</param>
    /// <param name="template">Refit's route template, relative to the management base URL.</param>
    /// <param name="path">The path actually requested: the management base path followed by the filled template.</param>
    public static string Of(string method, string? template, string? path)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return $"{method} {UnknownPath}";
        }

        var query = template.IndexOf('?', StringComparison.Ordinal);
        var segments = (query < 0 ? template : template[..query]).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var requested = (path ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);

        // The template's segments are the last ones of the requested path; whatever precedes them is the base path.
        var offset = requested.Length - segments.Length;
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i] == VersionPlaceholder && offset >= 0 && IsVersion(requested[offset + i]))
            {
                segments[i] = requested[offset + i];
            }
        }

        return $"{method} /{string.Join('/', segments)}";
    }

    /// <summary>v3, v4, v4alpha, v5.1: anything else stays <c>{version}</c> rather than risk an unbounded tag value.</summary>
    private static bool IsVersion(string segment) =>
        segment.Length is > 1 and <= MaxVersionLength && segment[0] == 'v' && char.IsAsciiDigit(segment[1])
        && segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '.');
}
