using System.Text.Json;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// The attempt key of a transfer start in EDC's <c>privateProperties</c>: written as a full IRI, so no <c>@context</c>
/// decides what it expands to, and recognised in whatever form EDC compacts it back to (the IRI, <c>edc:</c> prefixed
/// or the bare term; the value a string or a JSON-LD value object, alone or in an array).
/// </summary>
internal static class TransferAttemptKeys
{
    public const string Term = "dataOrchestratorAttempt";

    public const string Iri = EdcContext.EdcVocabulary + Term;

    /// <summary>How many of an agreement's newest transfers a lookup reads.</summary>
    public const int LookupLimit = 50;

    public static IReadOnlyDictionary<string, string> PrivateProperties(string attemptKey) => new Dictionary<string, string> { [Iri] = attemptKey };

    public static TransferQueryDto NewestOf(bool v4, string contractId) => new(
        EdcContext.ArrayFor(v4),
        "QuerySpec",
        LookupLimit,
        "createdAt",
        "DESC",
        [new CriterionDto("Criterion", "contractId", "=", contractId)]);

    public static bool Carries(TransferProcessDto transfer, string attemptKey)
    {
        if (transfer.PrivateProperties is not { ValueKind: JsonValueKind.Object } properties)
        {
            return false;
        }

        foreach (var property in properties.EnumerateObject())
        {
            if (property.Name is Iri or Term or "edc:" + Term && ValueOf(property.Value) == attemptKey)
            {
                return true;
            }
        }

        return false;
    }

    private static string? ValueOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Object when value.TryGetProperty("@value", out var inner) => ValueOf(inner),
        JsonValueKind.Array when value.GetArrayLength() == 1 => ValueOf(value[0]),
        _ => null,
    };
}
