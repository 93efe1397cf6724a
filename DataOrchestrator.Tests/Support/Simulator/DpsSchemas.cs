using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace DataOrchestrator.Tests.Support.Simulator;

/// <summary>
/// The DPS spec's JSON schemas (shared/dps), loaded once with the schemas they refer to. EDC 0.18.0 speaks spec RC2,
/// where prepare had <c>transferType</c> (and an optional <c>callbackAddress</c>) in place of <c>profile</c>; its
/// schema is derived from the RC3 one by exactly that rename.
/// </summary>
internal static class DpsSchemas
{
    private static readonly Lazy<Dictionary<string, JsonSchema>> Schemas = new(Load);

    /// <summary>The evaluation errors of <paramref name="message"/> against one schema by file title; empty when valid.</summary>
    public static IReadOnlyList<string> Problems(string title, JsonElement message)
    {
        var result = Schemas.Value[title].Evaluate(message, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : (result.Details ?? []).Where(detail => detail.Errors is not null)
                .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}")).ToArray();
    }

    private static Dictionary<string, JsonSchema> Load()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        JsonSchema.FromText(File.ReadAllText(RepositoryPaths.DspDataAddressSchema), options, new Uri("https://w3id.org/dspace/2025/1/transfer/data-address-schema.json"));
        var folder = RepositoryPaths.DpsSchemas;
        var baseMessage = File.ReadAllText(Path.Combine(folder, "DataFlowBaseMessage.schema.json"));
        JsonSchema.FromText(baseMessage, options, new Uri("https://w3id.org/dspace-sig/v1.0/DataFlowBaseMessage.schema.json"));
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var title in new[] { "DataFlowPrepareMessage", "DataFlowStartedNotificationMessage", "DataFlowTerminateMessage", "DataFlowSuspendMessage", "DataFlowResumeMessage" })
        {
            var text = File.ReadAllText(Path.Combine(folder, title + ".schema.json"));
            schemas[title] = JsonSchema.FromText(text, options, new Uri($"https://w3id.org/dspace-sig/v1.0/{title}.schema.json"));
        }

        schemas["DataFlowPrepareMessage.RC2"] = JsonSchema.FromText(Rc2(baseMessage), options, new Uri("https://w3id.org/dspace-sig/rc2/DataFlowPrepareMessage.schema.json"));
        return schemas;
    }

    private static string Rc2(string rc3BaseMessage)
    {
        var schema = JsonNode.Parse(rc3BaseMessage)!.AsObject();
        var properties = schema["properties"]!.AsObject();
        properties.Remove("profile");
        properties["transferType"] = new JsonObject { ["type"] = "string" };
        properties["callbackAddress"] = new JsonObject { ["type"] = "string", ["format"] = "uri" };
        var required = schema["required"]!.AsArray();
        required.Remove(required.Single(item => item!.GetValue<string>() == "profile"));
        required.Add("transferType");
        return schema.ToJsonString();
    }
}
