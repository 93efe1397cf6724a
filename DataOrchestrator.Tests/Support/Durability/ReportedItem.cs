using System.Text.Json;

namespace DataOrchestrator.Tests.Support.Durability;

/// <summary>One item as <c>GET /status/{id}</c> reports it.</summary>
internal sealed record ReportedItem(
    string OrchestrationId,
    int Index,
    string ContractId,
    string Status,
    string? TransferId,
    string? StoragePath,
    string? Sha256,
    long? Bytes,
    int Attempts,
    string? Error)
{
    public static ReportedItem From(string orchestrationId, JsonElement item) => new(
        orchestrationId,
        item.GetProperty("index").GetInt32(),
        item.GetProperty("contract_id").GetString()!,
        item.GetProperty("status").GetString()!,
        StringOrNull(item, "transfer_id"),
        StringOrNull(item, "storage_path"),
        StringOrNull(item, "sha256"),
        item.TryGetProperty("bytes", out var bytes) && bytes.ValueKind == JsonValueKind.Number ? bytes.GetInt64() : null,
        item.GetProperty("attempts").GetInt32(),
        item.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object ? error.GetRawText() : null);

    private static string? StringOrNull(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
