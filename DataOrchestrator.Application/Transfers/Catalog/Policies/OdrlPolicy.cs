namespace DataOrchestrator.Application.Transfers.Catalog.Policies;

/// <summary>The rules of an ODRL policy with its names resolved (<see cref="OdrlNames"/>); identifiers and parties are not kept.</summary>
internal sealed record OdrlPolicy(IReadOnlyList<OdrlRule> Permissions, IReadOnlyList<OdrlRule> Prohibitions, IReadOnlyList<OdrlRule> Obligations)
{
    public static OdrlPolicy Empty { get; } = new([], [], []);

    public bool HasRules => Permissions.Count + Prohibitions.Count + Obligations.Count > 0;

    /// <summary>Any constraint anywhere: in a rule, an action's refinement, a duty, a remedy or a consequence.</summary>
    public bool HasConstraints => Permissions.Concat(Prohibitions).Concat(Obligations).Any(rule => rule.HasConstraints);
}
