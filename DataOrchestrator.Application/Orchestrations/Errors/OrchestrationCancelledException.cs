namespace DataOrchestrator.Application.Orchestrations.Errors;

/// <summary>
/// The client cancelled the orchestration: the store refuses to move an item anywhere but to a final status, so a
/// worker that had not noticed yet stops at its next step.
/// </summary>
public sealed class OrchestrationCancelledException : Exception
{
    public OrchestrationCancelledException()
    {
    }

    public OrchestrationCancelledException(string message)
        : base(message)
    {
    }

    public OrchestrationCancelledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
