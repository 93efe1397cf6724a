namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>One entry of an EDC error body (spec schema ApiErrorDetail); EDC sends null path/invalidValue.</summary>
internal sealed record ApiErrorDetail(string Message, string Type, string? Path = null, string? InvalidValue = null);
