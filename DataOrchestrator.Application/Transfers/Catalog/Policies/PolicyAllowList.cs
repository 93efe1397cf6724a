using System.Text.Json;

namespace DataOrchestrator.Application.Transfers.Catalog.Policies;

/// <summary>
/// The ODRL policies the service may agree to (<c>ACCEPTED_POLICIES_FILE</c>, docs/accepted-policies.md): global
/// ones for every provider and per-provider ones for one <c>counterPartyId</c>. An offer is accepted when it says
/// exactly what one of them says, compared in a normalised form (<see cref="PolicyCanonicalForm"/>), never when it
/// holds something the comparison cannot read.
/// </summary>
public sealed class PolicyAllowList
{
    private readonly HashSet<string> _global;
    private readonly Dictionary<string, HashSet<string>> _providers;
    private readonly int _globalCount;
    private readonly Dictionary<string, int> _providerCounts;

    internal PolicyAllowList(string? source, IReadOnlyList<OdrlPolicy> global, IReadOnlyDictionary<string, List<OdrlPolicy>> providers)
    {
        Source = source;
        _global = global.Select(PolicyCanonicalForm.Of).ToHashSet(StringComparer.Ordinal);
        _globalCount = global.Count;
        _providers = providers.ToDictionary(p => p.Key, p => p.Value.Select(PolicyCanonicalForm.Of).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        _providerCounts = providers.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal);
    }

    /// <summary>No file set: only offers without any constraint (in any rule, duties included) are accepted.</summary>
    public static PolicyAllowList Default { get; } = new(null, [], new Dictionary<string, List<OdrlPolicy>>());

    /// <summary>Where the list came from (the file's path); null for <see cref="Default"/>.</summary>
    public string? Source { get; }

    public bool IsDefault => Source is null;

    /// <summary>Reads an allow-list file's text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="PolicyFileException">The text is not a valid allow-list; the message says what is wrong and where.</exception>
    public static PolicyAllowList Parse(string json, string source) => PolicyFileParser.Parse(json, source);

    /// <summary>Reads the allow-list file at <paramref name="path"/>.</summary>
    /// <exception cref="PolicyFileException">The file cannot be read or is not a valid allow-list.</exception>
    public static PolicyAllowList Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new PolicyFileException($"'{path}' cannot be read: {exception.Message}", exception);
        }

        return Parse(json, path);
    }

    /// <summary>
    /// Whether the offered (or agreed) policy may be agreed to with provider <paramref name="counterPartyId"/>, and
    /// also matches the item's own policy when the item gives one.
    /// </summary>
    /// <param name="counterPartyId">The provider's id; its own policies apply besides the global ones.</param>
    /// <param name="policy">The offer's or agreement's ODRL policy.</param>
    /// <param name="itemPolicy">The item's own policy, when it gives one: the offer must say the same.</param>
    /// <param name="context">The <c>@context</c> of the document <paramref name="policy"/> came from (a catalog's), for its prefixes.</param>
    public bool Accepts(string? counterPartyId, JsonElement policy, JsonElement? itemPolicy = null, JsonElement? context = null)
    {
        if (Normalise(policy, context) is not { } offered)
        {
            return false;
        }

        // The item's policy came with the request, not with the catalog: only its own @context applies to it.
        if (itemPolicy is { } item && Normalise(item, null)?.Form != offered.Form)
        {
            return false;
        }

        if (IsDefault)
        {
            return !offered.Policy.HasConstraints;
        }

        return _global.Contains(offered.Form)
            || (counterPartyId is not null && _providers.TryGetValue(counterPartyId, out var forProvider) && forProvider.Contains(offered.Form));
    }

    /// <summary>
    /// One sentence for error messages saying what is accepted, e.g. "accepted: 3 policies from /etc/x.json
    /// (1 global, 2 for did:web:p)".
    /// </summary>
    public string Describe(string? counterPartyId)
    {
        if (IsDefault)
        {
            return "ACCEPTED_POLICIES_FILE is not set: only offers without constraints are accepted";
        }

        if (counterPartyId is null)
        {
            var specific = _providerCounts.Values.Sum();
            var total = _globalCount + specific;
            return total == 0
                ? $"nothing is accepted: {Source} lists no policies"
                : $"accepted: {Policies(_globalCount)} from {Source} for every provider" +
                    (specific == 0 ? "" : $", and {specific} more for {Count(_providerCounts.Count, "specific provider", "specific providers")}");
        }

        var forProvider = _providerCounts.GetValueOrDefault(counterPartyId);
        return _globalCount + forProvider == 0
            ? $"nothing is accepted from {counterPartyId}: {Source} lists no policy for it (0 global, 0 for {counterPartyId})"
            : $"accepted: {Policies(_globalCount + forProvider)} from {Source} ({_globalCount} global, {forProvider} for {counterPartyId})";
    }

    private static string Policies(int count) => Count(count, "policy", "policies");

    private static string Count(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";

    private static (OdrlPolicy Policy, string Form)? Normalise(JsonElement policy, JsonElement? context)
    {
        var problems = new List<string>();
        var read = OdrlPolicyReader.Read(policy, OdrlNames.Default.With(context), problems);
        return problems.Count == 0 ? (read, PolicyCanonicalForm.Of(read)) : null;
    }
}
