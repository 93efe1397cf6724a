namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>
/// What the pipeline asks the consumer connector to start: a PULL transfer of one agreement. With a
/// <see cref="DataPlane"/> selection it is a DPS transfer (Management API v4, no data destination).
/// </summary>
public sealed record TransferStartRequest(string CounterPartyAddress, string ContractId, string? ConnectorId, string Protocol)
{
    public DataPlaneSelection? DataPlane { get; init; }
}
