using System.Text.Json;

namespace DataOrchestrator.Application.Transfers.Catalog.Policies;

/// <summary>
/// Reads an ODRL policy in any of the JSON-LD shapes connectors write (compacted with or without prefixes, expanded,
/// values as strings or <c>@id</c>/<c>@value</c> objects, one object or an array) into an <see cref="OdrlPolicy"/>.
/// Whatever it cannot read, or does not know, is a problem with its path: a policy with problems is never accepted,
/// because a key we skipped could be a condition we would then agree to unseen.
/// </summary>
internal sealed class OdrlPolicyReader
{
    // Identifiers, parties and targets: an agreement carries them, the offer it came from does not.
    private static readonly HashSet<string> IgnoredPolicyKeys = new(StringComparer.Ordinal)
    {
        "@id", "@type", "@context", "uid", "profile", "target", "assigner", "assignee",
    };

    private static readonly HashSet<string> IgnoredRuleKeys = new(StringComparer.Ordinal)
    {
        "@id", "@type", "@context", "uid", "target", "assigner", "assignee",
    };

    private readonly OdrlNames _names;
    private readonly List<string> _problems;
    private readonly OdrlConstraintReader _constraints;

    private OdrlPolicyReader(OdrlNames names, List<string> problems)
    {
        _names = names;
        _problems = problems;
        _constraints = new OdrlConstraintReader(names, problems);
    }

    /// <summary>Reads <paramref name="policy"/>; problems are added to <paramref name="problems"/>, each starting with its path under <paramref name="path"/>.</summary>
    public static OdrlPolicy Read(JsonElement policy, OdrlNames names, List<string> problems, string path = "policy")
    {
        if (policy.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path} must be an ODRL policy object, not {JsonLdValues.Describe(policy)}");
            return OdrlPolicy.Empty;
        }

        if (policy.TryGetProperty("@context", out var own))
        {
            names = names.With(own);
        }

        var reader = new OdrlPolicyReader(names, problems);
        List<OdrlRule> permissions = [], prohibitions = [], obligations = [];
        foreach (var property in policy.EnumerateObject())
        {
            var key = names.Resolve(property.Name);
            switch (key)
            {
                case "permission":
                    permissions.AddRange(reader.ReadRules(property.Value, $"{path}.permission"));
                    break;
                case "prohibition":
                    prohibitions.AddRange(reader.ReadRules(property.Value, $"{path}.prohibition"));
                    break;
                case "obligation":
                    obligations.AddRange(reader.ReadRules(property.Value, $"{path}.obligation"));
                    break;
                default:
                    if (!IgnoredPolicyKeys.Contains(key))
                    {
                        problems.Add($"{path} has the unknown key '{property.Name}' (known: permission, prohibition, obligation; ignored: @id, @type, uid, profile, target, assigner, assignee)");
                    }

                    break;
            }
        }

        return new OdrlPolicy(permissions, prohibitions, obligations);
    }

    /// <summary>One value, an array of them, or a JSON-LD <c>@list</c>/<c>@set</c> object; <c>null</c> is none.</summary>
    private List<OdrlRule> ReadRules(JsonElement value, string path)
    {
        var rules = new List<OdrlRule>();
        var index = 0;
        foreach (var item in JsonLdValues.Items(value))
        {
            var itemPath = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                _problems.Add($"{itemPath} must be a rule object, not {JsonLdValues.Describe(item)}");
                continue;
            }

            rules.Add(ReadRule(item, itemPath));
        }

        return rules;
    }

    private OdrlRule ReadRule(JsonElement rule, string path)
    {
        string? action = null;
        List<OdrlConstraint> refinements = [], constraints = [];
        List<OdrlRule> duties = [], remedies = [], consequences = [];
        foreach (var property in rule.EnumerateObject())
        {
            var key = _names.Resolve(property.Name);
            switch (key)
            {
                case "action":
                    action = ReadAction(property.Value, $"{path}.action", refinements);
                    break;
                case "constraint":
                    constraints.AddRange(_constraints.ReadConstraints(property.Value, $"{path}.constraint"));
                    break;
                case "duty":
                    duties.AddRange(ReadRules(property.Value, $"{path}.duty"));
                    break;
                case "remedy":
                    remedies.AddRange(ReadRules(property.Value, $"{path}.remedy"));
                    break;
                case "consequence":
                    consequences.AddRange(ReadRules(property.Value, $"{path}.consequence"));
                    break;
                default:
                    if (!IgnoredRuleKeys.Contains(key))
                    {
                        _problems.Add($"{path} has the unknown key '{property.Name}' (known: action, constraint, duty, remedy, consequence)");
                    }

                    break;
            }
        }

        if (action is null)
        {
            _problems.Add($"{path} has no action");
        }

        return new OdrlRule(action ?? "", refinements, constraints, duties, remedies, consequences);
    }

    /// <summary>
    /// <c>"use"</c>, <c>{"@id": "odrl:use"}</c>, EDC's <c>{"odrl:type": "use"}</c>, or ODRL's refined form
    /// <c>{"rdf:value": {"@id": "odrl:use"}, "refinement": […]}</c>.
    /// </summary>
    private string? ReadAction(JsonElement value, string path, List<OdrlConstraint> refinements)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            if (value.GetArrayLength() == 1)
            {
                return ReadAction(value[0], path, refinements);
            }

            _problems.Add($"{path} must name one action, not {value.GetArrayLength()}");
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return _names.Resolve(value.GetString()!);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            _problems.Add($"{path} must be a name or an object, not {JsonLdValues.Describe(value)}");
            return null;
        }

        string? name = null, typeName = null;
        foreach (var property in value.EnumerateObject())
        {
            var key = _names.Resolve(property.Name);
            switch (key)
            {
                case "@id" or "@value" or "action" or "type" or "value" or OdrlNames.RdfValue:
                    name = _constraints.ReadName(property.Value, path, "action");
                    break;
                case "refinement":
                    refinements.AddRange(_constraints.ReadConstraints(property.Value, $"{path}.refinement"));
                    break;
                case "@type":
                    typeName = property.Value.ValueKind == JsonValueKind.String ? _names.Resolve(property.Value.GetString()!) : null;
                    break;
                case "@context":
                    break;
                default:
                    _problems.Add($"{path} has the unknown key '{property.Name}' (known: @id, type, rdf:value, refinement)");
                    break;
            }
        }

        name ??= typeName;
        if (name is null)
        {
            _problems.Add($"{path} names no action");
        }

        return name;
    }
}
