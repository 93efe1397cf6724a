namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// The attempt key of a transfer start in EDC's <c>privateProperties</c>. It is written as a full IRI, so no
/// <c>@context</c> decides what it expands to, and EDC stores it as given (a string under the expanded key). EDC never
/// returns private properties in its answers, so a lookup asks EDC to match it: a criterion on
/// <c>privateProperties.'&lt;iri&gt;'</c>, which EDC's stores evaluate (in memory by property path, in PostgreSQL on
/// the JSON column), next to the agreement, newest first.
/// </summary>
internal static class TransferAttemptKeys
{
    public const string Iri = EdcContext.EdcVocabulary + "dataOrchestratorAttempt";

    public static IReadOnlyDictionary<string, string> PrivateProperties(string attemptKey) => new Dictionary<string, string> { [Iri] = attemptKey };

    public static TransferQueryDto Lookup(bool v4, string contractId, string attemptKey) => new(
        EdcContext.ArrayFor(v4),
        "QuerySpec",
        1,
        "createdAt",
        "DESC",
        [
            new CriterionDto("Criterion", "contractId", "=", contractId),
            new CriterionDto("Criterion", $"privateProperties.'{Iri}'", "=", attemptKey),
        ]);
}
