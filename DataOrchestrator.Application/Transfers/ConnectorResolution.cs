using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Edc;

namespace DataOrchestrator.Application.Transfers;

/// <summary>
/// The settings for one connector: the longest matching <see cref="ConnectorProfile"/> over the global values. The DPS
/// flow speaks Management API v4 and ends its transfers with the <c>completed</c> callback, so it neither terminates
/// after the download nor refreshes EDRs.
/// </summary>
internal static class ConnectorResolution
{
    public static ConnectorSettings Resolve(TransferOptions options, string connectorAddress)
    {
        var profile = options.Connectors
            .Where(c => connectorAddress.StartsWith(c.AddressPrefix, StringComparison.OrdinalIgnoreCase))
            .MaxBy(c => c.AddressPrefix.Length);
        // Validated at start, so a rule set that does not parse cannot reach here; None keeps the type total.
        var rewrites = EndpointRewriteRules.TryParse(profile?.EndpointRewrites ?? options.EndpointRewrites, out var parsed, out _) ? parsed : EndpointRewriteRules.None;
        var dps = (profile?.DataFlow ?? options.DataFlow) == DataFlowKinds.Dps;
        var signalingUrl = profile?.SignalingUrl ?? options.SignalingUrl;
        return new ConnectorSettings(
            EdcConnection.For(connectorAddress, profile?.ManagementPath ?? options.ManagementPath, profile?.ApiKey ?? options.ApiKey)
                .WithVersions(dps ? "v4" : profile?.ManagementApiVersion ?? options.ManagementApiVersion, profile?.EdrApiVersion ?? options.EdrApiVersion),
            profile?.DataPlaneTokenScheme ?? options.DataPlaneTokenScheme,
            rewrites,
            profile?.Protocol ?? options.Protocol,
            !dps && (profile?.TerminateAfterDownload ?? options.TerminateAfterDownload),
            !dps && (profile?.EdrAutoRefresh ?? options.EdrAutoRefresh))
        {
            DataFlow = dps ? DataFlowKinds.Dps : DataFlowKinds.Edr,
            SignalingUrl = signalingUrl is null ? null : new Uri(signalingUrl, UriKind.Absolute),
        };
    }
}
