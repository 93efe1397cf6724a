using System.Globalization;
using System.Text;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Transfers.DataPlane;

/// <summary>
/// An item's path and query on top of a data address endpoint (Tractus-X proxy path and query parameters: the EDR
/// endpoint is a base URL, the consumer appends the rest). The path joins the endpoint's path with exactly one
/// <c>/</c> (a leading <c>/</c> of the item's path is ignored); characters outside a URL path segment are
/// percent-encoded as UTF-8, while <c>/</c> stays the separator and a valid <c>%XX</c> escape is kept as it is, so
/// <c>%2F</c> can put a slash inside one segment. Query parameters are plain text, always encoded, and go after the
/// endpoint's own query, by name in ordinal order (the PostgreSQL store does not keep the client's order).
/// </summary>
public sealed class EndpointPath
{
    private const string PathSegmentCharacters = "-._~!$&'()*+,;=:@";

    private EndpointPath(string? path, IReadOnlyDictionary<string, string>? query)
    {
        Path = path;
        Query = query;
    }

    public static EndpointPath None { get; } = new(null, null);

    public string? Path { get; }

    public IReadOnlyDictionary<string, string>? Query { get; }

    public bool IsEmpty => Path is null or "" or "/" && (Query is null || Query.Count == 0);

    public static EndpointPath Of(OrchestrationItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Of(item.Path, item.Query);
    }

    public static EndpointPath Of(string? path, IReadOnlyDictionary<string, string>? query) =>
        path is null && query is null ? None : new EndpointPath(path, query);

    /// <summary>The endpoint with this path and query added; the endpoint itself when there are none. The host never changes.</summary>
    /// <exception cref="ArgumentException">The path is one <see cref="ItemPathRules"/> refuses (the request validator keeps those out).</exception>
    public Uri AppendTo(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (IsEmpty)
        {
            return endpoint;
        }

        // Built as text rather than resolved as a relative Uri: resolution would let the path replace the endpoint's.
        var url = new StringBuilder(endpoint.GetLeftPart(UriPartial.Path));
        var relative = Path is null ? string.Empty : Path.StartsWith('/') ? Path[1..] : Path;
        if (relative.Length > 0)
        {
            if (ItemPathRules.PathRefusal(Path!) is { } refusal)
            {
                throw new ArgumentException(refusal, nameof(endpoint));
            }

            if (url[^1] != '/')
            {
                url.Append('/');
            }

            AppendEncodedPath(url, relative);
        }

        var existing = endpoint.Query;
        url.Append(existing);
        var separator = existing.Length == 0 ? "?" : existing.EndsWith('?') || existing.EndsWith('&') ? string.Empty : "&";
        foreach (var (name, value) in (Query ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            url.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = "&";
        }

        return new Uri(url.ToString(), UriKind.Absolute);
    }

    private static void AppendEncodedPath(StringBuilder url, string path)
    {
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (char.IsAsciiLetterOrDigit(c) || c == '/' || PathSegmentCharacters.Contains(c, StringComparison.Ordinal)
                || (c == '%' && i + 2 < path.Length && char.IsAsciiHexDigit(path[i + 1]) && char.IsAsciiHexDigit(path[i + 2])))
            {
                url.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < path.Length && char.IsLowSurrogate(path[i + 1]) ? 2 : 1;
            foreach (var b in Encoding.UTF8.GetBytes(path.Substring(i, length)))
            {
                url.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }

            i += length - 1;
        }
    }
}
