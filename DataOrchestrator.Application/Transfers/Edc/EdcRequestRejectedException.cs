using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>EDC answered a 4xx: the request is wrong and retrying will not help.</summary>
public sealed class EdcRequestRejectedException : Exception
{
    public EdcRequestRejectedException()
    {
    }

    public EdcRequestRejectedException(string message)
        : base(message)
    {
    }

    public EdcRequestRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EdcRequestRejectedException(int statusCode, string message, IReadOnlyList<EdcError> errors)
        : base(message)
    {
        StatusCode = statusCode;
        Errors = errors;
    }

    public int StatusCode { get; }

    public IReadOnlyList<EdcError> Errors { get; } = [];
}
