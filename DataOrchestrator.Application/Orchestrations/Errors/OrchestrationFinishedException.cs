namespace DataOrchestrator.Application.Orchestrations.Errors;

/// <summary>A cancel arrived for an orchestration that had already finished (answered 409).</summary>
public sealed class OrchestrationFinishedException : Exception
{
    public OrchestrationFinishedException()
    {
    }

    public OrchestrationFinishedException(string orchestrationId, string processStatus)
        : base($"Orchestration '{orchestrationId}' already finished ({processStatus}).")
    {
        OrchestrationId = orchestrationId;
        ProcessStatus = processStatus;
    }

    public OrchestrationFinishedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? OrchestrationId { get; }

    public string? ProcessStatus { get; }
}
