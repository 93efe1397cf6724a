namespace DataOrchestrator.EdcSimulator.Transfers;

/// <summary>
/// A transfer's state at one instant and when it entered that state (epoch ms). HasEnded is true once
/// the timeline reached its final state or a client terminated the process.
/// </summary>
internal readonly record struct TransferStatus(string State, long StateTimestamp, bool HasEnded)
{
    public bool IsStarted => State == TransferStates.Started;
}
