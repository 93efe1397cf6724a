using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Edc;

internal sealed record TransferStateDto([property: JsonPropertyName("state")] string? State);
