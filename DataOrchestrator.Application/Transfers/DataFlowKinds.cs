namespace DataOrchestrator.Application.Transfers;

/// <summary>
/// How a started transfer's data reaches the service (env <c>EDC_DATA_FLOW</c>): <c>edr</c>, the EDR cache of the
/// consumer connector (EDC up to 0.17, Tractus-X), or <c>dps</c>, Data Plane Signaling with the service registered as
/// the consumer data plane (stock EDC 0.18 and later).
/// </summary>
public static class DataFlowKinds
{
    public const string Edr = "edr";
    public const string Dps = "dps";

    public static bool IsKnown(string? value) => value is Edr or Dps;
}
