using System.Text.Json;

namespace DataOrchestrator.EdcSimulator.Transfers;

/// <summary>
/// The parts of a TransferRequest the simulator keeps on the process. DataDestination is normalised
/// to carry <c>@type</c> so it can be echoed back spec-conformant. Labels and DataplaneProperties come from v4's
/// <c>dataplaneMetadata</c> and become the DPS prepare message's <c>labels</c> and <c>metadata</c>. PrivateProperties
/// are the request's <c>privateProperties</c>, keys expanded to IRIs, values as strings.
/// </summary>
internal sealed record TransferRequestData(
    string ContractId,
    string CounterPartyAddress,
    string Protocol,
    string TransferType,
    string? ConnectorId,
    JsonElement DataDestination,
    IReadOnlyDictionary<string, string> PrivateProperties,
    string? RequestedId = null,
    IReadOnlyList<string>? Labels = null,
    JsonElement? DataplaneProperties = null);
