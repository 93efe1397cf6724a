using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Edc;

namespace DataOrchestrator.Application.Transfers;

/// <summary>The settings in force for one consumer connector: its profile over the global defaults.</summary>
public sealed record ConnectorSettings(
    EdcConnection Connection,
    string TokenScheme,
    EndpointRewriteRules Rewrites,
    string Protocol,
    bool TerminateAfterDownload,
    bool EdrAutoRefresh)
{
    public bool BearerToken => TokenScheme == "bearer";

    /// <summary><c>edr</c> or <c>dps</c> (<see cref="DataFlowKinds"/>).</summary>
    public string DataFlow { get; init; } = DataFlowKinds.Edr;

    /// <summary>The control plane's signaling API base for DPS callbacks, when configured.</summary>
    public Uri? SignalingUrl { get; init; }

    public bool IsDps => DataFlow == DataFlowKinds.Dps;
}
