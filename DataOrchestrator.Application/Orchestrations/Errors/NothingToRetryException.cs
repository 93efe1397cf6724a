namespace DataOrchestrator.Application.Orchestrations.Errors;

/// <summary>A retry found no FAILED or CANCELLED item to run again (answered 409).</summary>
public sealed class NothingToRetryException : Exception
{
    public NothingToRetryException()
    {
    }

    public NothingToRetryException(string orchestrationId, string processStatus)
        : base($"Orchestration '{orchestrationId}' has no FAILED or CANCELLED item to retry.")
    {
        OrchestrationId = orchestrationId;
        ProcessStatus = processStatus;
    }

    public NothingToRetryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? OrchestrationId { get; }

    public string? ProcessStatus { get; }
}
