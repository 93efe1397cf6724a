namespace DataOrchestrator.EdcSimulator.Negotiations;

/// <summary>The EDC contract negotiation state names the simulator reports (consumer side).</summary>
internal static class NegotiationStates
{
    public const string Requested = "REQUESTED";
    public const string Agreed = "AGREED";
    public const string Verified = "VERIFIED";
    public const string Finalized = "FINALIZED";
    public const string Terminated = "TERMINATED";
}
