using DataOrchestrator.Api.Contracts;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Application.Orchestrations.Submit;
using NJsonSchema.Generation;

namespace DataOrchestrator.Api.OpenApi;

/// <summary>
/// Marks in the OpenAPI document which properties are always there, so generated clients get exact types:
/// every property of a response (the service writes nulls rather than leaving fields out), and the request fields
/// the validator requires (nullable in C# only so that a missing field gets the original's validation message).
/// </summary>
internal sealed class RequiredPropertiesSchemaProcessor : ISchemaProcessor
{
    private static readonly HashSet<Type> ResponseTypes =
    [
        typeof(OrchestrateResponse), typeof(OrchestrationAcceptedDto), typeof(StatusResponse), typeof(OrchestrationProcesses),
        typeof(OrchestrationStatusDto), typeof(OrchestrationItemDto), typeof(StoragePathDto), typeof(ItemErrorDto), typeof(EdcErrorDto),
        typeof(CallbackStatusDto), typeof(ErrorResponse), typeof(SummaryResponse), typeof(OrchestrationSummaryDto), typeof(ProcessCountsDto),
        typeof(FinishedPerMinuteDto),
    ];

    private static readonly Dictionary<Type, string[]> RequiredRequestFields = new()
    {
        [typeof(OrchestrateRequest)] = ["data", "connectorAddress"],
        [typeof(OrchestrateItemRequest)] = ["counterPartyAddress", "contractId"],
    };

    public void Process(SchemaProcessorContext context)
    {
        var type = context.ContextualType.Type;
        var schema = context.Schema;
        if (ResponseTypes.Contains(type))
        {
            foreach (var name in schema.Properties.Keys)
            {
                schema.RequiredProperties.Add(name);
            }
        }
        else if (RequiredRequestFields.TryGetValue(type, out var fields))
        {
            // The processor also sees reference wrappers of these types, which carry no properties.
            foreach (var name in fields)
            {
                if (schema.Properties.TryGetValue(name, out var property))
                {
                    schema.RequiredProperties.Add(name);
                    property.IsNullableRaw = false;
                }
            }
        }
    }
}
