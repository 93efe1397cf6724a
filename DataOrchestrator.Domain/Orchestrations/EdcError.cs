namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>One entry of the error array an EDC connector answers with, kept verbatim.</summary>
public sealed record EdcError(string? Message, string? Type, string? Path, string? InvalidValue);
