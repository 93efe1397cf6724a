namespace DataOrchestrator.EdcSimulator.Scenarios;

/// <summary>ODRL policy terms as they appear compact, prefixed ("odrl:") or as IRIs.</summary>
internal static class PolicyTerms
{
    private static readonly string[] Rules = ["permission", "prohibition", "obligation"];

    /// <summary>The term without its prefix or namespace: "odrl:target" and its IRI both give "target".</summary>
    public static string LocalName(string name) => name[(name.LastIndexOfAny(['/', ':', '#']) + 1)..];

    public static bool IsRule(string localName) => Rules.Contains(localName, StringComparer.Ordinal);
}
