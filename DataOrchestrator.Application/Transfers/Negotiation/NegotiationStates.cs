namespace DataOrchestrator.Application.Transfers.Negotiation;

/// <summary>The EDC contract negotiation states the pipeline acts on; any other state is progress.</summary>
public static class NegotiationStates
{
    public const string Finalized = "FINALIZED";

    public static bool IsFailure(string state) => state is "TERMINATED";
}
