using DataOrchestrator.Domain.Orchestrations;
using NJsonSchema;
using NJsonSchema.Generation;

namespace DataOrchestrator.Api.OpenApi;

/// <summary>
/// How the statuses appear in the OpenAPI document: string enums of their wire names (<see cref="StatusNames"/>), under
/// the schema names of the DTO enums they replaced, so generated clients keep their type names.
/// </summary>
internal sealed class StatusSchemas(ISchemaNameGenerator names) : ISchemaProcessor, ISchemaNameGenerator
{
    private static readonly Dictionary<Type, (string Name, string Description)> Schemas = new()
    {
        [typeof(ItemStatus)] = ("ItemStatusDto", "An item's stage on the wire: QUEUED → (CATALOG_REQUESTED, for catalog items) → (NEGOTIATION_REQUESTED → NEGOTIATED, for offers) → "
            + "TRANSFER_REQUESTED → TRANSFER_STARTED → DATA_ADDRESS_RETRIEVED → DOWNLOADING → SAVED, or FAILED, or CANCELLED (by the client); "
            + "WAITING_FOR_CONNECTOR from any step while its connector cannot be reached, until it goes on or fails."),
        [typeof(ProcessStatus)] = ("ProcessStatusDto", "An orchestration's status on the wire: QUEUED, the least advanced stage of its "
            + "unfinished items (WAITING_FOR_CONNECTOR counts as just after QUEUED), then COMPLETED, PARTIALLY_COMPLETED, FAILED, or CANCELLED (by the client)."),
        [typeof(CallbackState)] = ("CallbackStateDto", "A callback's delivery on the wire: PENDING until DELIVERED (a 2xx answer) or FAILED (attempts used up)."),
    };

    public string Generate(Type type) => Schemas.TryGetValue(type, out var schema) ? schema.Name : names.Generate(type);

    public void Process(SchemaProcessorContext context)
    {
        var schema = context.Schema;

        // The processor also sees the properties that refer to these schemas; they carry no enumeration.
        if (!Schemas.TryGetValue(context.ContextualType.Type, out var status) || schema.EnumerationNames.Count == 0)
        {
            return;
        }

        schema.Type = JsonObjectType.String;
        schema.Description = status.Description;
        schema.Enumeration.Clear();
        foreach (var member in schema.EnumerationNames)
        {
            schema.Enumeration.Add(StatusNames.Of(member));
        }
    }
}
