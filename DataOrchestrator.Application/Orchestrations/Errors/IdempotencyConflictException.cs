namespace DataOrchestrator.Application.Orchestrations.Errors;

/// <summary>An <c>Idempotency-Key</c> was used again with a different request body.</summary>
public sealed class IdempotencyConflictException : Exception
{
    public IdempotencyConflictException()
    {
    }

    public IdempotencyConflictException(string message)
        : base(message)
    {
    }

    public IdempotencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
