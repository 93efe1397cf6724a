namespace DataOrchestrator.Application.Transfers.Storage;

/// <summary>The data store could not write a payload (disk full, permissions).</summary>
public sealed class StorageException : Exception
{
    public StorageException()
    {
    }

    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
