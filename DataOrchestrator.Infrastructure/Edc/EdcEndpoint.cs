using System.Collections.Concurrent;
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

        // Named on every Management API call: the template is taken apart once, and its names are kept per version.
        return Templates.GetOrAdd((method, template), static key => new RouteTemplate(key.Method, key.Template)).Name(path);
    }

    private static readonly ConcurrentDictionary<(string Method, string Template), RouteTemplate> Templates = new();

    /// <summary>One route template, taken apart; the template's segments are the last ones of a requested path.</summary>
    private sealed class RouteTemplate
    {
        /// <summary>Names kept per version, at most: versions come from configuration, so a handful.</summary>
        private const int MaxKeptVersions = 16;

        private readonly string _method;
        private readonly string[] _segments;
        private readonly int[] _versionAt;
        private readonly string _unfilled;
        private readonly ConcurrentDictionary<string, string> _byVersion = new(StringComparer.Ordinal);

        public RouteTemplate(string method, string template)
        {
            var query = template.IndexOf('?', StringComparison.Ordinal);
            _method = method;
            _segments = (query < 0 ? template : template[..query]).Split('/', StringSplitOptions.RemoveEmptyEntries);
            _versionAt = Enumerable.Range(0, _segments.Length).Where(i => _segments[i] == VersionPlaceholder).ToArray();
            _unfilled = Join(_segments);
        }

        public string Name(string? path)
        {
            if (_versionAt.Length == 0)
            {
                return _unfilled;
            }

            var requested = path.AsSpan();
            var filled = new string[_versionAt.Length];
            for (var v = 0; v < _versionAt.Length; v++)
            {
                var segment = SegmentFromEnd(requested, _segments.Length - _versionAt[v]);
                if (!IsVersion(segment))
                {
                    return _unfilled;
                }

                if (_versionAt.Length == 1 && _byVersion.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(segment, out var known))
                {
                    return known;
                }

                filled[v] = segment.ToString();
            }

            var segments = (string[])_segments.Clone();
            for (var v = 0; v < _versionAt.Length; v++)
            {
                segments[_versionAt[v]] = filled[v];
            }

            var name = Join(segments);
            return _versionAt.Length == 1 && _byVersion.Count < MaxKeptVersions ? _byVersion.GetOrAdd(filled[0], name) : name;
        }

        /// <summary>The <paramref name="position"/>-th non-empty segment counted from the end (1 is the last), or empty.</summary>
        private static ReadOnlySpan<char> SegmentFromEnd(ReadOnlySpan<char> path, int position)
        {
            var end = path.Length;
            while (true)
            {
                while (end > 0 && path[end - 1] == '/')
                {
                    end--;
                }

                if (end == 0)
                {
                    return default;
                }

                var start = path[..end].LastIndexOf('/') + 1;
                if (--position == 0)
                {
                    return path[start..end];
                }

                end = start;
            }
        }

        private string Join(string[] segments) => $"{_method} /{string.Join('/', segments)}";
    }

    /// <summary>v3, v4, v4alpha, v5.1: anything else stays <c>{version}</c> rather than risk an unbounded tag value.</summary>
    private static bool IsVersion(ReadOnlySpan<char> segment)
    {
        if (segment.Length is <= 1 or > MaxVersionLength || segment[0] != 'v' || !char.IsAsciiDigit(segment[1]))
        {
            return false;
        }

        foreach (var c in segment)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.')
            {
                return false;
            }
        }

        return true;
    }
}
