namespace DataOrchestrator.EdcSimulator.Transfers;

/// <summary>The EDC transfer process state names the simulator reports.</summary>
internal static class TransferStates
{
    public const string Initial = "INITIAL";
    public const string PreparationRequested = "PREPARATION_REQUESTED";
    public const string Requesting = "REQUESTING";
    public const string Requested = "REQUESTED";
    public const string StartupRequested = "STARTUP_REQUESTED";
    public const string Starting = "STARTING";
    public const string Started = "STARTED";
    public const string Suspended = "SUSPENDED";
    public const string Completing = "COMPLETING";
    public const string Completed = "COMPLETED";
    public const string Terminated = "TERMINATED";
}
