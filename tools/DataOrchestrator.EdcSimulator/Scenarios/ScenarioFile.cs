using System.Text.Json;

namespace DataOrchestrator.EdcSimulator.Scenarios;

/// <summary>
/// Reads scenario files: a JSON object mapping contract agreement ids to behaviours, e.g.
/// <c>{"agreement-slow": {"startDelayMs": 2000}, "agreement-gone": {"rejectTransfer": {}}}</c>, or (offers files)
/// offer ids to negotiation behaviours, e.g. <c>{"offer-1": {"negotiationDelayMs": 500, "agreementId": "agreement-slow"}}</c>,
/// or (datasets files) asset ids to the provider's datasets, e.g. <c>{"asset-1": {"offers": [{"@id": "offer-a", "permission": [{"action": "use"}]}]}}</c>.
/// </summary>
public static class ScenarioFile
{
    /// <summary>Loads and validates a scenarios file; throws <see cref="InvalidDataException"/> on bad content.</summary>
    public static IReadOnlyDictionary<string, AgreementBehaviour> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses and validates scenarios JSON; <paramref name="source"/> only names it in errors.</summary>
    public static IReadOnlyDictionary<string, AgreementBehaviour> Parse(string json, string source = "scenarios") =>
        Parse(json, source, "agreement behaviours", AgreementBehaviour.Default, behaviour => behaviour.Validate());

    /// <summary>Loads and validates an offers file; throws <see cref="InvalidDataException"/> on bad content.</summary>
    public static IReadOnlyDictionary<string, OfferBehaviour> LoadOffers(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return ParseOffers(File.ReadAllText(path), path);
    }

    /// <summary>Parses and validates offers JSON; <paramref name="source"/> only names it in errors.</summary>
    public static IReadOnlyDictionary<string, OfferBehaviour> ParseOffers(string json, string source = "offers") =>
        Parse(json, source, "offer behaviours", OfferBehaviour.Default, behaviour => behaviour.Validate());

    /// <summary>Loads and validates a datasets file; throws <see cref="InvalidDataException"/> on bad content.</summary>
    public static IReadOnlyDictionary<string, DatasetBehaviour> LoadDatasets(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return ParseDatasets(File.ReadAllText(path), path);
    }

    /// <summary>Parses and validates datasets JSON; <paramref name="source"/> only names it in errors.</summary>
    public static IReadOnlyDictionary<string, DatasetBehaviour> ParseDatasets(string json, string source = "datasets") =>
        Parse(json, source, "datasets", new DatasetBehaviour(), behaviour => behaviour.Validate());

    private static Dictionary<string, T> Parse<T>(
        string json, string source, string what, T fallback, Func<T, IReadOnlyList<string>> validate)
        where T : class
    {
        Dictionary<string, T?>? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<Dictionary<string, T?>>(json, SimulatorJson.Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a JSON object of {what} ({ex.Message})", ex);
        }

        if (parsed is null)
        {
            throw new InvalidDataException($"{source}: expected a JSON object of {what}");
        }

        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (id, behaviour) in parsed)
        {
            var effective = behaviour ?? fallback;
            problems.AddRange(validate(effective).Select(problem => $"{id}: {problem}"));
            result[id] = effective;
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{source}: {string.Join("; ", problems)}");
        }

        return result;
    }
}
