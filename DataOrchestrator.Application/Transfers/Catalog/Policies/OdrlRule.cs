namespace DataOrchestrator.Application.Transfers.Catalog.Policies;

/// <summary>
/// One permission, prohibition or duty. <see cref="Action"/> is empty when the rule names none (the reader reports
/// that as a problem). Duties, remedies and consequences are rules of the same shape, wherever they appear.
/// </summary>
internal sealed record OdrlRule(
    string Action,
    IReadOnlyList<OdrlConstraint> Refinements,
    IReadOnlyList<OdrlConstraint> Constraints,
    IReadOnlyList<OdrlRule> Duties,
    IReadOnlyList<OdrlRule> Remedies,
    IReadOnlyList<OdrlRule> Consequences)
{
    public bool HasConstraints =>
        Refinements.Count > 0 || Constraints.Count > 0 || Duties.Concat(Remedies).Concat(Consequences).Any(rule => rule.HasConstraints);
}
