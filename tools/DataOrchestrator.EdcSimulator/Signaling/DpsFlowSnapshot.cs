namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>What the simulator knows about one DPS transfer, for assertions in tests.</summary>
/// <param name="TransferId">Transfer process id = DPS processId = dataFlowId.</param>
/// <param name="Shape">The DPS shape the transfer was created under (<see cref="Hosting.DpsShapes"/>).</param>
/// <param name="DataplaneId">The data plane selected for it; null when none was found.</param>
/// <param name="State">Its transfer process state now.</param>
/// <param name="States">Every state it went through, oldest first (INITIAL, REQUESTING, …).</param>
/// <param name="ErrorDetail">Why it was terminated, else null.</param>
/// <param name="DataAddressForm">The form of the DataAddress sent with <c>/started</c> (<see cref="Scenarios.DataAddressForms"/>).</param>
public sealed record DpsFlowSnapshot(
    string TransferId,
    string Shape,
    string? DataplaneId,
    string State,
    IReadOnlyList<string> States,
    string? ErrorDetail,
    string DataAddressForm);
