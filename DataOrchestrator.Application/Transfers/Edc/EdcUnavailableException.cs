using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>EDC could not be reached, timed out or kept failing (5xx, 429) after the transient retries.</summary>
public sealed class EdcUnavailableException : Exception
{
    public EdcUnavailableException()
    {
    }

    public EdcUnavailableException(string message)
        : base(message)
    {
    }

    public EdcUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EdcUnavailableException(string message, int? statusCode, IReadOnlyList<EdcError> errors, bool isTimeout, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Errors = errors;
        IsTimeout = isTimeout;
    }

    public int? StatusCode { get; }

    public bool IsTimeout { get; }

    public IReadOnlyList<EdcError> Errors { get; } = [];
}
