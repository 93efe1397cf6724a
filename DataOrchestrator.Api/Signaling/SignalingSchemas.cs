using System.Reflection;
using System.Text.Json;
using Json.Schema;

namespace DataOrchestrator.Api.Signaling;

/// <summary>
/// Validates incoming DPS messages against the specification's JSON schemas (embedded, <c>Signaling/Schemas</c>) with
/// JsonSchema.Net. The schemas reference each other, and the DSP DataAddress schema, by <c>$id</c>; they are registered
/// under those ids in a registry of their own, so nothing is ever fetched. A prepare message is valid in the shape of
/// spec RC3 (<c>profile</c>, EDC main) or RC2 (<c>transferType</c> and <c>callbackAddress</c>, EDC 0.18.0).
/// </summary>
public sealed class SignalingSchemas
{
    private const string SignalingIds = "https://w3id.org/dspace-sig/v1.0/";
    private const int MaxReasons = 5;

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private readonly Dictionary<SignalingMessage, JsonSchema[]> _schemas;

    public SignalingSchemas()
    {
        var build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        Load(build, "dsp-data-address.schema.json", "https://w3id.org/dspace/2025/1/transfer/data-address-schema.json");
        Load(build, "AuthorizationEntry.schema.json", SignalingIds + "AuthorizationEntry.schema.json");
        Load(build, "DataFlowBaseMessage.schema.json", SignalingIds + "DataFlowBaseMessage.schema.json");
        _schemas = new Dictionary<SignalingMessage, JsonSchema[]>
        {
            [SignalingMessage.Prepare] =
            [
                Load(build, "DataFlowPrepareMessage.schema.json", SignalingIds + "DataFlowPrepareMessage.schema.json"),
                Load(build, "DataFlowBaseMessage.rc2.schema.json", "https://w3id.org/dspace-sig/v1.0-RC2/DataFlowBaseMessage.schema.json"),
            ],
            [SignalingMessage.Started] = [Load(build, "DataFlowStartedNotificationMessage.schema.json", SignalingIds + "DataFlowStartedNotificationMessage.schema.json")],
            [SignalingMessage.Suspend] = [Load(build, "DataFlowSuspendMessage.schema.json", SignalingIds + "DataFlowSuspendMessage.schema.json")],
            [SignalingMessage.Resume] = [Load(build, "DataFlowResumeMessage.schema.json", SignalingIds + "DataFlowResumeMessage.schema.json")],
            [SignalingMessage.Terminate] = [Load(build, "DataFlowTerminateMessage.schema.json", SignalingIds + "DataFlowTerminateMessage.schema.json")],
            [SignalingMessage.ControlPlaneRegistration] =
                [Load(build, "ControlPlaneRegistrationMessage.schema.json", SignalingIds + "ControlPlaneRegistrationMessage.schema.json")],
        };
    }

    /// <summary>Why <paramref name="body"/> is not a valid <paramref name="message"/> (a few reasons), or nothing when it is.</summary>
    public IReadOnlyList<string> Check(SignalingMessage message, JsonElement body)
    {
        var reasons = new List<string>();
        foreach (var schema in _schemas[message])
        {
            var result = schema.Evaluate(body, Evaluation);
            if (result.IsValid)
            {
                return [];
            }

            reasons.AddRange(Reasons(result));
        }

        return reasons.Distinct(StringComparer.Ordinal).Take(MaxReasons).DefaultIfEmpty("The message does not match its schema.").ToList();
    }

    private static IEnumerable<string> Reasons(EvaluationResults result) =>
        (result.Details ?? [])
            .Prepend(result)
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Values.Select(error => $"{Location(detail.InstanceLocation.ToString())}: {error}"));

    private static string Location(string pointer) => pointer.Length == 0 ? "message" : pointer;

    private static JsonSchema Load(BuildOptions build, string resource, string id)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Signaling.Schemas." + resource)
            ?? throw new InvalidOperationException($"The embedded schema {resource} is missing.");
        using var reader = new StreamReader(stream);
        var schema = JsonSchema.FromText(reader.ReadToEnd(), build, new Uri(id));
        build.SchemaRegistry.Register(new Uri(id), schema);
        return schema;
    }
}
