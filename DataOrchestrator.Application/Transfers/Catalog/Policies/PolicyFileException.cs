namespace DataOrchestrator.Application.Transfers.Catalog.Policies;

/// <summary>The accepted-policies file cannot be read or is not a valid allow-list; the message names the file and what is wrong.</summary>
public sealed class PolicyFileException : Exception
{
    public PolicyFileException()
        : base("The accepted-policies file is invalid.")
    {
    }

    public PolicyFileException(string message)
        : base(message)
    {
    }

    public PolicyFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
