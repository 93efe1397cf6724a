namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>Why an item failed: our own code, a readable message and, when EDC answered, EDC's own errors.</summary>
public sealed record ItemError(string Code, string Message, IReadOnlyList<EdcError> EdcErrors)
{
    public static ItemError Of(string code, string message) => new(code, message, []);
}
