namespace DataOrchestrator.Application.Transfers.DataPlane;

/// <summary>
/// Prefix → prefix rewrites of EDR endpoints. Connectors hand out data plane addresses with in-cluster host names
/// (MVD: <c>http://provider-qna-dataplane:11002/api/public</c>) that do not resolve where this service runs.
/// Written as <c>from=to</c> pairs separated by commas; the first rule whose prefix matches wins.
/// </summary>
public sealed class EndpointRewriteRules
{
    private readonly (string From, string To)[] _rules;

    private EndpointRewriteRules((string From, string To)[] rules) => _rules = rules;

    public static EndpointRewriteRules None { get; } = new([]);

    public static bool TryParse(string? text, out EndpointRewriteRules rules, out string? error)
    {
        rules = None;
        error = null;
        var parsed = new List<(string, string)>();
        foreach (var pair in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !IsHttpPrefix(parts[0]) || !IsHttpPrefix(parts[1]))
            {
                error = $"'{pair}' is not a rewrite rule of the form http(s)://from=http(s)://to.";
                return false;
            }

            parsed.Add((parts[0], parts[1]));
        }

        rules = new EndpointRewriteRules(parsed.ToArray());
        return true;
    }

    public Uri Apply(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var text = endpoint.AbsoluteUri;
        foreach (var (from, to) in _rules)
        {
            if (text.StartsWith(from, StringComparison.OrdinalIgnoreCase))
            {
                return new Uri(to + text[from.Length..], UriKind.Absolute);
            }
        }

        return endpoint;
    }

    private static bool IsHttpPrefix(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
