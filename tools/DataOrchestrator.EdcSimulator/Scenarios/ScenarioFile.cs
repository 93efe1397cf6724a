using System.Text.Json;

namespace DataOrchestrator.EdcSimulator.Scenarios;

/// <summary>
/// Reads a scenarios file: a JSON object mapping contract agreement ids to behaviours, e.g.
/// <c>{"agreement-slow": {"startDelayMs": 2000}, "agreement-gone": {"rejectTransfer": {}}}</c>.
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
    public static IReadOnlyDictionary<string, AgreementBehaviour> Parse(string json, string source = "scenarios")
    {
        Dictionary<string, AgreementBehaviour?>? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<Dictionary<string, AgreementBehaviour?>>(json, SimulatorJson.Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a JSON object of agreement behaviours ({ex.Message})", ex);
        }

        if (parsed is null)
        {
            throw new InvalidDataException($"{source}: expected a JSON object of agreement behaviours");
        }

        var result = new Dictionary<string, AgreementBehaviour>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (contractId, behaviour) in parsed)
        {
            var effective = behaviour ?? AgreementBehaviour.Default;
            problems.AddRange(effective.Validate().Select(problem => $"{contractId}: {problem}"));
            result[contractId] = effective;
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{source}: {string.Join("; ", problems)}");
        }

        return result;
    }
}
