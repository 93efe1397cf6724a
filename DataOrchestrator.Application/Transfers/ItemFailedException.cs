using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Transfers;

/// <summary>A pipeline step decided the item cannot succeed; carries the error to record.</summary>
public sealed class ItemFailedException : Exception
{
    public ItemFailedException()
    {
        Error = ItemError.Of(ItemErrorCodes.InternalError, "Item failed.");
    }

    public ItemFailedException(string message)
        : base(message)
    {
        Error = ItemError.Of(ItemErrorCodes.InternalError, message);
    }

    public ItemFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = ItemError.Of(ItemErrorCodes.InternalError, message);
    }

    public ItemFailedException(ItemError error)
        : base(error.Message)
    {
        Error = error;
    }

    public ItemError Error { get; }
}
