namespace DataOrchestrator.Application.Transfers.DataPlane;

/// <summary>The data plane answered with an error, could not be reached, or stopped sending.</summary>
public sealed class DataPlaneException : Exception
{
    public DataPlaneException()
    {
    }

    public DataPlaneException(string message)
        : base(message)
    {
    }

    public DataPlaneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DataPlaneException(string message, int? statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    public int? StatusCode { get; }
}
