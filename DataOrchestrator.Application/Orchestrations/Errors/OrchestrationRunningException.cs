namespace DataOrchestrator.Application.Orchestrations.Errors;

/// <summary>A retry arrived for an orchestration with unfinished items (answered 409).</summary>
public sealed class OrchestrationRunningException : Exception
{
    public OrchestrationRunningException()
    {
    }

    public OrchestrationRunningException(string orchestrationId, string processStatus)
        : base($"Orchestration '{orchestrationId}' is still running.")
    {
        OrchestrationId = orchestrationId;
        ProcessStatus = processStatus;
    }

    public OrchestrationRunningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? OrchestrationId { get; }

    public string? ProcessStatus { get; }
}
