using System.Text;
using System.Text.Json;

namespace DataOrchestrator.Application.Transfers.Catalog.Policies;

/// <summary>A short readable text of a policy's rules, for error messages and logs.</summary>
public static class PolicySummary
{
    private const string Ellipsis = "…";

    /// <summary>
    /// The rules of <paramref name="policy"/> in document order, e.g.
    /// <c>permission use [purpose eq 'x' and Membership eq 'active']; obligation …</c>; names outside ODRL are shown
    /// by their last segment. Cut to <paramref name="maxLength"/> characters, ending in "…" when cut.
    /// </summary>
    /// <param name="policy">An ODRL policy in any of the shapes <see cref="PolicyAllowList"/> reads.</param>
    /// <param name="maxLength">The longest text returned, the "…" included.</param>
    /// <param name="context">The <c>@context</c> of the document the policy came from, for its prefixes.</param>
    public static string Summarize(JsonElement policy, int maxLength = 200, JsonElement? context = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var text = policy.ValueKind == JsonValueKind.Object ? Text(OdrlPolicyReader.Read(policy, OdrlNames.Default.With(context), [])) : "not a policy object";
        return text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - Ellipsis.Length), Ellipsis);
    }

    private static string Text(OdrlPolicy policy)
    {
        var rules = policy.Permissions.Select(r => "permission " + Rule(r))
            .Concat(policy.Prohibitions.Select(r => "prohibition " + Rule(r)))
            .Concat(policy.Obligations.Select(r => "obligation " + Rule(r)))
            .ToList();
        return rules.Count == 0 ? "no rules" : string.Join("; ", rules);
    }

    private static string Rule(OdrlRule rule)
    {
        var text = new StringBuilder(Name(rule.Action));
        if (rule.Refinements.Count > 0)
        {
            text.Append(" (").Append(Constraints(rule.Refinements)).Append(')');
        }

        if (rule.Constraints.Count > 0)
        {
            text.Append(" [").Append(Constraints(rule.Constraints)).Append(']');
        }

        foreach (var (kind, rules) in new[] { ("duty", rule.Duties), ("remedy", rule.Remedies), ("consequence", rule.Consequences) })
        {
            foreach (var inner in rules)
            {
                text.Append(" with ").Append(kind).Append(' ').Append(Rule(inner));
            }
        }

        return text.ToString();
    }

    // Constraints side by side all hold, so an `and` among them reads as well without its parentheses.
    private static string Constraints(IEnumerable<OdrlConstraint> constraints) =>
        string.Join(" and ", constraints.SelectMany(c => c is OdrlLogicalConstraint { Operator: "and" } and ? and.Operands : [c]).Select(Constraint));

    private static string Constraint(OdrlConstraint constraint) => constraint switch
    {
        OdrlAtomicConstraint atomic => $"{Name(atomic.LeftOperand)} {Name(atomic.Operator)} {Values(atomic.RightOperand)}",
        OdrlLogicalConstraint logical =>
            $"({string.Join(logical.Operator == "andSequence" ? " then " : $" {logical.Operator} ", logical.Operands.Select(Constraint))})",
        _ => "?",
    };

    private static string Values(IReadOnlyList<string> values) => values.Count switch
    {
        0 => "?",
        1 => $"'{values[0]}'",
        _ => $"({string.Join(", ", values.Select(v => $"'{v}'"))})",
    };

    /// <summary>ODRL terms are already bare; an IRI is shown by its last segment (<c>…/catenax/policy/Membership</c> as <c>Membership</c>).</summary>
    private static string Name(string name)
    {
        if (name.Length == 0)
        {
            return "?";
        }

        var trimmed = name.TrimEnd('/', '#');
        var cut = trimmed.LastIndexOfAny(['/', '#', ':']);
        return cut < 0 || cut == trimmed.Length - 1 ? name : trimmed[(cut + 1)..];
    }
}
