namespace DataOrchestrator.Application.Orchestrations.Errors;

/// <summary>The orchestration store (the database) cannot be reached right now; the request may be retried.</summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(5);
}
