namespace DataOrchestrator.Application.Orchestrations.Errors;

/// <summary>No orchestration has the requested id.</summary>
public sealed class OrchestrationNotFoundException : Exception
{
    public OrchestrationNotFoundException()
    {
    }

    public OrchestrationNotFoundException(string orchestrationId)
        : base($"Orchestration '{orchestrationId}' not found.")
    {
        OrchestrationId = orchestrationId;
    }

    public OrchestrationNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? OrchestrationId { get; }
}
