namespace DataOrchestrator.EdcSimulator.Negotiations;

/// <summary>
/// A negotiation's state at one instant and when it entered that state (epoch ms). HasEnded is true once the
/// timeline reached its final state.
/// </summary>
internal readonly record struct NegotiationStatus(string State, long StateTimestamp, bool HasEnded)
{
    public bool IsFinalized => State == NegotiationStates.Finalized;
}
