namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>The EDC transfer process states the pipeline acts on; any other state is progress.</summary>
public static class TransferStates
{
    public const string Started = "STARTED";

    /// <summary>States from which a PULL transfer will not reach STARTED (or has left it before we fetched the data).</summary>
    public static bool IsFailure(string state) => state is "TERMINATED" or "SUSPENDED" or "COMPLETED" or "DEPROVISIONED";
}
