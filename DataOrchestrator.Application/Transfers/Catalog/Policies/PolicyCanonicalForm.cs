using System.Text.Json;

namespace DataOrchestrator.Application.Transfers.Catalog.Policies;

/// <summary>
/// A text that two policies share exactly when they say the same: permissions, prohibitions and obligations are sets
/// of rules, a rule is its action with its refinements, its constraints and its duties (remedies, consequences) as
/// sets, and a constraint is its operands or its logical operator over constraints. Sets are sorted and without
/// repeats. Constraints side by side are a conjunction, so an <c>and</c> among them is spread into them, and a
/// logical constraint over one constraint is that constraint. <c>or</c> is a set, <c>xone</c> a sorted list (a repeat
/// there changes its meaning), <c>andSequence</c> keeps its order.
/// </summary>
internal static class PolicyCanonicalForm
{
    public static string Of(OdrlPolicy policy) =>
        $"{{\"permission\":{Rules(policy.Permissions)},\"prohibition\":{Rules(policy.Prohibitions)},\"obligation\":{Rules(policy.Obligations)}}}";

    private static string Rules(IEnumerable<OdrlRule> rules) => Set(rules.Select(Rule));

    private static string Rule(OdrlRule rule) =>
        $"{{\"action\":{Quote(rule.Action)},\"refinement\":{Conjunction(rule.Refinements)},\"constraint\":{Conjunction(rule.Constraints)}," +
        $"\"duty\":{Rules(rule.Duties)},\"remedy\":{Rules(rule.Remedies)},\"consequence\":{Rules(rule.Consequences)}}}";

    private static string Conjunction(IEnumerable<OdrlConstraint> constraints) => Set(Conjuncts(constraints).Select(Constraint));

    private static IEnumerable<OdrlConstraint> Conjuncts(IEnumerable<OdrlConstraint> constraints) =>
        constraints.SelectMany(c => c is OdrlLogicalConstraint { Operator: "and" } and ? Conjuncts(and.Operands) : [c]);

    private static string Constraint(OdrlConstraint constraint)
    {
        if (constraint is OdrlAtomicConstraint atomic)
        {
            return $"[{Quote(atomic.LeftOperand)},{Quote(atomic.Operator)},{Set(atomic.RightOperand.Select(Quote))}]";
        }

        var logical = (OdrlLogicalConstraint)constraint;
        var operands = logical.Operator == "and" ? Conjuncts(logical.Operands).Select(Constraint).Distinct(StringComparer.Ordinal).ToList()
            : logical.Operator == "or" ? logical.Operands.Select(Constraint).Distinct(StringComparer.Ordinal).ToList()
            : logical.Operands.Select(Constraint).ToList();
        if (operands.Count == 1)
        {
            return operands[0];
        }

        if (logical.Operator != "andSequence")
        {
            operands.Sort(StringComparer.Ordinal);
        }

        return $"{{{Quote(logical.Operator)}:[{string.Join(',', operands)}]}}";
    }

    private static string Set(IEnumerable<string> items) =>
        $"[{string.Join(',', items.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))}]";

    private static string Quote(string text) => JsonSerializer.Serialize(text);
}
