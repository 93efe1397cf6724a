namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>What the pipeline asks the consumer connector to start: a PULL transfer of one agreement.</summary>
public sealed record TransferStartRequest(string CounterPartyAddress, string ContractId, string? ConnectorId, string Protocol);
