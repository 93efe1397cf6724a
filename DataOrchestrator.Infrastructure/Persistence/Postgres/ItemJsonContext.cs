using System.Text.Json.Serialization;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>How an item is stored in its <c>jsonb</c> column: the domain record itself, statuses by name.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OrchestrationItem))]
internal sealed partial class ItemJsonContext : JsonSerializerContext;
