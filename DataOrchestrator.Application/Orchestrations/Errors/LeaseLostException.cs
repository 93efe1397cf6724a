namespace DataOrchestrator.Application.Orchestrations.Errors;

/// <summary>
/// Another instance owns the item now (this instance's lease expired, e.g. while the database was away): this
/// instance must stop working on it rather than overwrite the new owner's progress.
/// </summary>
public sealed class LeaseLostException : Exception
{
    public LeaseLostException()
    {
    }

    public LeaseLostException(string message)
        : base(message)
    {
    }

    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
