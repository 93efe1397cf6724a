namespace DataOrchestrator.Application.Orchestrations.Errors;

/// <summary>The orchestration has no saved file for the requested transfer (no such item, not saved yet, or the file is gone).</summary>
public sealed class SavedFileNotFoundException : Exception
{
    public SavedFileNotFoundException()
    {
    }

    public SavedFileNotFoundException(string transferId)
        : base($"No saved file for transfer '{transferId}'.")
    {
        TransferId = transferId;
    }

    public SavedFileNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? TransferId { get; }
}
