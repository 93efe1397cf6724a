namespace DataOrchestrator.Application.Transfers.DataPlane;

/// <summary>The payload is larger than the data store accepts; the store kept nothing of it.</summary>
public sealed class DownloadTooLargeException : Exception
{
    public DownloadTooLargeException()
    {
    }

    public DownloadTooLargeException(string message)
        : base(message)
    {
    }

    public DownloadTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
