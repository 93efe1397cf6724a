namespace DataOrchestrator.Application.Transfers.DataPlane;

/// <summary>
/// What an item's <c>path</c> and <c>query</c> may be (<see cref="EndpointPath"/> adds them to the data address
/// endpoint): a path that stays below the endpoint and a query of plain name/value text. The request validator
/// words its refusals with these; the download checks the path again before it builds a URL.
/// </summary>
public static class ItemPathRules
{
    public const int MaxQueryParameters = 50;

    public const string ControlCharacters = "Not a valid path: control characters are not allowed (also percent-encoded).";
    public const string NotRelative = "Not a valid path: a path relative to the data address endpoint is required, not a URL (percent-encode a ':' in the first segment).";
    public const string QueryOrFragment = "Not a valid path: '?' and '#' are not allowed (query parameters go in \"query\").";
    public const string Backslash = "Not a valid path: '\\' is not allowed (also percent-encoded).";
    public const string EmptySegment = "Not a valid path: empty segments ('//', or only '/') are not allowed.";
    public const string DotSegment = "Not a valid path: '.' and '..' segments are not allowed (also percent-encoded).";
    public const string BlankName = "Parameter names may not be blank.";
    public const string NullValue = "Parameter values may not be null.";
    public const string QueryControlCharacters = "Parameter names and values may not contain control characters.";

    public static string TooManyParameters => $"Must contain at most {MaxQueryParameters} parameters.";

    public static string ParameterTooLong(int max) => $"Parameter names and values may not be longer than {max}.";

    /// <summary>Why <paramref name="path"/> cannot be added to an endpoint, or null when it can. Blank and length are the validator's.</summary>
    public static string? PathRefusal(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Any(char.IsControl))
        {
            return ControlCharacters;
        }

        if (path.Contains('?', StringComparison.Ordinal) || path.Contains('#', StringComparison.Ordinal))
        {
            return QueryOrFragment;
        }

        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return Backslash;
        }

        var relative = path.StartsWith('/') ? path[1..] : path;
        if (HasScheme(relative))
        {
            return NotRelative;
        }

        // One trailing '/' is part of the address some APIs want (a collection); anywhere else an empty segment is not.
        foreach (var segment in (relative.EndsWith('/') ? relative[..^1] : relative).Split('/'))
        {
            if (segment.Length == 0)
            {
                return EmptySegment;
            }

            // Servers that decode before they resolve would walk up with %2e%2e, %2F or %5C: judge the decoded text.
            var decoded = Uri.UnescapeDataString(segment);
            if (decoded.Any(char.IsControl))
            {
                return ControlCharacters;
            }

            if (decoded.Contains('\\', StringComparison.Ordinal))
            {
                return Backslash;
            }

            if (decoded.Split('/').Any(part => part is "." or ".."))
            {
                return DotSegment;
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="query"/> cannot be sent, or null when it can.</summary>
    public static string? QueryRefusal(IReadOnlyDictionary<string, string> query, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Count > MaxQueryParameters)
        {
            return TooManyParameters;
        }

        foreach (var (name, value) in query)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return BlankName;
            }

            // JSON null gets past the binder into a string value.
            if (value is null)
            {
                return NullValue;
            }

            if (name.Any(char.IsControl) || value.Any(char.IsControl))
            {
                return QueryControlCharacters;
            }

            if (name.Length > maxLength || value.Length > maxLength)
            {
                return ParameterTooLong(maxLength);
            }
        }

        return null;
    }

    /// <summary>A first segment like <c>http:</c> or <c>x:</c> (RFC 3986 scheme syntax): what an absolute URL starts with.</summary>
    private static bool HasScheme(string path)
    {
        var colon = path.IndexOf(':', StringComparison.Ordinal);
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return colon > 0 && (slash < 0 || colon < slash)
            && char.IsAsciiLetter(path[0])
            && path[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');
    }
}
