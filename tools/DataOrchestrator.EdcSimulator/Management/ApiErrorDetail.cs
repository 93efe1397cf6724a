using System.Text.Json.Serialization;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// One entry of an EDC error body (spec schema ApiErrorDetail). Real EDC writes <c>"path":null</c> and
/// <c>"invalidValue":null</c>, but the published spec types both as non-nullable strings, so the simulator leaves
/// them out when empty: its answers then pass validation against the official document, and clients must cope
/// with either form.
/// </summary>
internal sealed record ApiErrorDetail(
    string Message,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Path = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InvalidValue = null);
