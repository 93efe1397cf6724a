using System.Text.Json;

namespace DataOrchestrator.Application.Transfers.Catalog.Policies;

/// <summary>
/// Reads an allow-list file: <c>{"@context": {…}, "policies": [policy, …], "providers": {"did:web:p": [policy, …]}}</c>,
/// every key optional. Strict, because a mistake here decides what the service agrees to: an unknown key anywhere, a
/// policy that is not an object, has no rules, or holds something the comparison cannot read stops the load.
/// </summary>
internal static class PolicyFileParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64,
    };

    public static PolicyAllowList Parse(string json, string source)
    {
        // An empty file is a valid, empty list: it accepts nothing, and Describe says so.
        if (string.IsNullOrWhiteSpace(json))
        {
            return new PolicyAllowList(source, [], new Dictionary<string, List<OdrlPolicy>>());
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            // The reader's message ends in 0-based "LineNumber: 0 | BytePositionInLine: 12."; people count from 1.
            var reason = exception.Message.Split(" LineNumber:", 2)[0];
            throw new PolicyFileException(
                $"'{source}' is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}): {reason}", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, $"the top level must be an object with \"policies\" and/or \"providers\", not {JsonLdValues.Describe(root)}");
            }

            var names = root.TryGetProperty("@context", out var context) ? OdrlNames.Default.With(context) : OdrlNames.Default;
            var global = new List<OdrlPolicy>();
            var providers = new Dictionary<string, List<OdrlPolicy>>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "@context":
                        break;
                    case "policies":
                        global.AddRange(ReadPolicies(property.Value, "policies", names, source));
                        break;
                    case "providers":
                        ReadProviders(property.Value, names, source, providers);
                        break;
                    default:
                        throw Invalid(source, $"unknown top-level key '{property.Name}' (allowed: \"policies\", \"providers\", \"@context\")");
                }
            }

            return new PolicyAllowList(source, global, providers);
        }
    }

    private static void ReadProviders(JsonElement value, OdrlNames names, string source, Dictionary<string, List<OdrlPolicy>> providers)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(source, $"\"providers\" must be an object mapping a provider's counterPartyId to an array of policies, not {JsonLdValues.Describe(value)}");
        }

        foreach (var provider in value.EnumerateObject())
        {
            if (string.IsNullOrWhiteSpace(provider.Name) || provider.Name.Trim() != provider.Name)
            {
                throw Invalid(source, $"providers has the key '{provider.Name}': a counterPartyId must be non-empty, without leading or trailing spaces");
            }

            if (providers.ContainsKey(provider.Name))
            {
                throw Invalid(source, $"providers lists '{provider.Name}' twice");
            }

            providers[provider.Name] = ReadPolicies(provider.Value, $"providers['{provider.Name}']", names, source);
        }
    }

    private static List<OdrlPolicy> ReadPolicies(JsonElement value, string path, OdrlNames names, string source)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(source, $"{path} must be an array of ODRL policy objects, not {JsonLdValues.Describe(value)}");
        }

        var policies = new List<OdrlPolicy>();
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            var policyPath = $"{path}[{index++}]";
            var problems = new List<string>();
            var policy = OdrlPolicyReader.Read(element, names, problems, policyPath);
            if (problems.Count > 0)
            {
                throw Invalid(source, string.Join("; ", problems));
            }

            if (!policy.HasRules)
            {
                throw Invalid(source, $"{policyPath} has no rules (permission, prohibition or obligation); the policy of unconstrained use is {{\"permission\": [{{\"action\": \"use\"}}]}}");
            }

            policies.Add(policy);
        }

        return policies;
    }

    private static PolicyFileException Invalid(string source, string what) => new($"'{source}' is not a valid accepted-policies file: {what}");
}
