namespace DataOrchestrator.Tests.Support.Dps;

/// <summary>The environment of the service run as a process of its own with <c>EDC_DATA_FLOW=dps</c> against the simulator.</summary>
internal static class DpsProcessSettings
{
    /// <param name="publicUrl">DATAPLANE_PUBLIC_URL: where the control plane reaches the service (may be the address placeholder).</param>
    /// <param name="signalingUrl">EDC_SIGNALING_URL: the control plane's signaling API.</param>
    /// <param name="dataDirectory">DATA_STORAGE_PATH.</param>
    /// <param name="edcKey">EDC_API_KEY, the simulator's key.</param>
    /// <param name="clientKey">API_KEYS, the test's client key.</param>
    public static Dictionary<string, string> For(string publicUrl, string signalingUrl, string dataDirectory, string edcKey, string clientKey) => new()
    {
        ["EDC_DATA_FLOW"] = "dps",
        ["DATAPLANE_PUBLIC_URL"] = publicUrl,
        ["DATAPLANE_ALLOW_HTTP_ENDPOINTS"] = "true",
        ["DATAPLANE_ALLOW_UNAUTHENTICATED"] = "true",
        ["EDC_SIGNALING_URL"] = signalingUrl,
        ["EDC_API_KEY"] = edcKey,
        ["API_KEYS"] = clientKey,
        ["DATA_STORAGE_PATH"] = dataDirectory,
        ["SHUTDOWN_TIMEOUT"] = "1",
        ["Edc__StatePollIntervalMs"] = "20",
        ["Edc__StatePollMaxIntervalMs"] = "100",
    };
}
