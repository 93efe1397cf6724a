namespace DataOrchestrator.EdcSimulator.Faults;

/// <summary>
/// Body of <c>PUT /_sim/faults</c> and answer of <c>GET /_sim/faults</c>:
/// <c>{"rate":0.2,"seed":42,"delayMs":10000,"kinds":["BadGateway","MidBodyReset","ShortBody"]}</c>.
/// A null seed keeps the current random sequence, a null delay the current delay, null kinds the current kinds
/// (all of them at start). Kind names are the <see cref="FaultKind"/> names, in any case.
/// </summary>
public sealed record FaultSetting(double Rate, int? Seed = null, int? DelayMs = null, IReadOnlyList<string>? Kinds = null)
{
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (double.IsNaN(Rate) || Rate < 0 || Rate > 1)
        {
            problems.Add("rate must be between 0 and 1");
        }

        if (DelayMs is < 0)
        {
            problems.Add("delayMs must not be negative");
        }

        if (Kinds is not null)
        {
            ParseKinds(Kinds, out var unknown);
            if (Kinds.Count == 0)
            {
                problems.Add("kinds must name at least one fault kind (a rate of 0 injects none)");
            }

            if (unknown.Count > 0)
            {
                problems.Add(
                    $"unknown fault kind(s) {string.Join(", ", unknown.Select(name => $"'{name}'"))}; " +
                    $"use {string.Join(", ", Enum.GetNames<FaultKind>())}");
            }
        }

        return problems;
    }

    /// <summary>The named kinds, once each, in declaration order; names that match none go to <paramref name="unknown"/>.</summary>
    internal static FaultKind[] ParseKinds(IEnumerable<string?> names, out IReadOnlyList<string> unknown)
    {
        var kinds = new HashSet<FaultKind>();
        var misses = new List<string>();
        foreach (var name in names)
        {
            // Not Enum.TryParse: it would also take numbers and comma-separated lists.
            var match = Enum.GetValues<FaultKind>()
                .Where(kind => string.Equals(kind.ToString(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
                .Select(kind => (FaultKind?)kind)
                .FirstOrDefault();
            if (match is { } kind)
            {
                kinds.Add(kind);
            }
            else
            {
                misses.Add(name ?? "null");
            }
        }

        unknown = misses;
        return [.. kinds.Order()];
    }
}
