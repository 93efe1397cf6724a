namespace DataOrchestrator.Application.Transfers.Storage;

/// <summary>Saving the payload would use space the data store keeps free; the store kept nothing of it.</summary>
public sealed class InsufficientDiskSpaceException : Exception
{
    public InsufficientDiskSpaceException()
    {
    }

    public InsufficientDiskSpaceException(string message)
        : base(message)
    {
    }

    public InsufficientDiskSpaceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
