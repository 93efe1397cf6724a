namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>
/// What the pipeline asks the consumer connector to start: a PULL transfer of one agreement. With a
/// <see cref="DataPlane"/> selection it is a DPS transfer (Management API v4, no data destination). The
/// <see cref="AttemptKey"/> goes into the request's privateProperties, so the transfer can be found by it later.
/// </summary>
public sealed record TransferStartRequest(string CounterPartyAddress, string ContractId, string? ConnectorId, string Protocol, string AttemptKey)
{
    public DataPlaneSelection? DataPlane { get; init; }
}
