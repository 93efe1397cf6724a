using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>Body of <c>POST /{v3|v4}/transferprocesses/{id}/terminate</c> (spec schema TerminateTransfer).</summary>
internal sealed record TerminateTransferDto(
    [property: JsonPropertyName("@context")] IReadOnlyList<string> Context,
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("reason")] string Reason);
