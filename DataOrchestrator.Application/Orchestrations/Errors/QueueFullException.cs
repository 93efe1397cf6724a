namespace DataOrchestrator.Application.Orchestrations.Errors;

/// <summary>The work queue has no room for another orchestration (or the service is shutting down).</summary>
public sealed class QueueFullException : Exception
{
    public QueueFullException()
    {
    }

    public QueueFullException(string message)
        : base(message)
    {
    }

    public QueueFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public QueueFullException(TimeSpan retryAfter)
        : base("The service is at capacity; retry later.")
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(5);
}
