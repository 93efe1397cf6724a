using System.Text.Json;

namespace DataOrchestrator.EdcSimulator.Transfers;

/// <summary>
/// The parts of a TransferRequest the simulator keeps on the process. DataDestination is normalised
/// to carry <c>@type</c> so it can be echoed back spec-conformant.
/// </summary>
internal sealed record TransferRequestData(
    string ContractId,
    string CounterPartyAddress,
    string Protocol,
    string TransferType,
    string? ConnectorId,
    JsonElement DataDestination,
    string? RequestedId = null);
