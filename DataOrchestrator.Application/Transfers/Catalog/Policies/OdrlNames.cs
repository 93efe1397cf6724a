using System.Text.Json;

namespace DataOrchestrator.Application.Transfers.Catalog.Policies;

/// <summary>
/// Resolves the names of a JSON-LD policy (keys, actions, operators, leftOperands) to one comparable form: a term of
/// the ODRL vocabulary becomes its bare local name (<c>use</c>, <c>odrl:use</c> and its full IRI are all <c>use</c>),
/// any other name its full IRI (<c>cx-policy:Membership</c> becomes <c>https://w3id.org/catenax/policy/Membership</c>).
/// Prefixes come from the well-known ones and from <c>@context</c> definitions; <c>@vocab</c> is not applied, because
/// a bare name in a policy is an ODRL term (the ODRL context says so) whatever vocabulary the surrounding document uses.
/// </summary>
internal sealed class OdrlNames
{
    public const string OdrlNamespace = "http://www.w3.org/ns/odrl/2/";
    public const string RdfValue = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value";

    // Some documents write the ODRL namespace with https; it names the same vocabulary.
    private const string OdrlNamespaceHttps = "https://www.w3.org/ns/odrl/2/";

    private static readonly Dictionary<string, string> KnownPrefixes = new(StringComparer.Ordinal)
    {
        ["odrl"] = OdrlNamespace,
        ["edc"] = "https://w3id.org/edc/v0.0.1/ns/",
        ["dspace"] = "https://w3id.org/dspace/v0.8/",
        ["cx-policy"] = "https://w3id.org/catenax/policy/",
        ["tx"] = "https://w3id.org/tractusx/v0.0.1/ns/",
        ["rdf"] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
    };

    private readonly Dictionary<string, string> _terms;

    private OdrlNames(Dictionary<string, string> terms) => _terms = terms;

    public static OdrlNames Default { get; } = new(KnownPrefixes);

    /// <summary>These names plus the prefix and term definitions of <paramref name="context"/>, which win over the known ones.</summary>
    public OdrlNames With(JsonElement? context)
    {
        if (context is not { } value || value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return this;
        }

        var terms = new Dictionary<string, string>(_terms, StringComparer.Ordinal);
        Add(terms, value);
        return new OdrlNames(terms);
    }

    public string Resolve(string name)
    {
        var value = name;

        // A term may map to a compact IRI whose prefix is itself defined: a few rounds, never a loop.
        for (var round = 0; round < 4 && value.Length > 0 && value[0] != '@'; round++)
        {
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                if (_terms.TryGetValue(value, out var term) && term != value)
                {
                    value = term;
                    continue;
                }

                break;
            }

            var suffix = value[(colon + 1)..];
            if (suffix.StartsWith("//", StringComparison.Ordinal) || !_terms.TryGetValue(value[..colon], out var prefix))
            {
                // An absolute IRI (http://…), or one with a scheme of its own (did:web:…, urn:…).
                break;
            }

            value = prefix + suffix;
        }

        foreach (var odrl in (ReadOnlySpan<string>)[OdrlNamespace, OdrlNamespaceHttps])
        {
            if (value.Length > odrl.Length && value.StartsWith(odrl, StringComparison.Ordinal))
            {
                return value[odrl.Length..];
            }
        }

        return value;
    }

    private static void Add(Dictionary<string, string> terms, JsonElement context)
    {
        if (context.ValueKind == JsonValueKind.Array)
        {
            // Strings in a context array are remote contexts: not fetched, their terms are the well-known ones.
            foreach (var entry in context.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object)
                {
                    Add(terms, entry);
                }
            }

            return;
        }

        foreach (var definition in context.EnumerateObject())
        {
            if (definition.Name.StartsWith('@'))
            {
                continue;
            }

            if (definition.Value.ValueKind == JsonValueKind.String)
            {
                terms[definition.Name] = definition.Value.GetString()!;
            }
            else if (definition.Value.ValueKind == JsonValueKind.Object
                && definition.Value.TryGetProperty("@id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                terms[definition.Name] = id.GetString()!;
            }
        }
    }
}
