using DataOrchestrator.EdcSimulator.Hosting;

namespace DataOrchestrator.EdcSimulator;

/// <summary>The settings of a running simulator that tests may switch while requests are in flight.</summary>
public sealed partial class SimulatorState
{
    private long _defaultLatencyTicks;
    private string? _publicEndpointOverride;
    private IReadOnlySet<string> _managementApiVersions = ManagementApiVersion.All;
    private string _dataPlaneTokenScheme = DataPlaneTokenSchemes.Raw;
    private bool _dataPlaneRanges;
    private string _transferIds = TransferIdModes.Server;

    /// <summary>Latency for management calls whose agreement sets no <c>latencyMs</c>.</summary>
    public TimeSpan DefaultLatency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _defaultLatencyTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Interlocked.Exchange(ref _defaultLatencyTicks, value.Ticks);
        }
    }

    /// <summary>EDR endpoint to hand out instead of the simulator's own <c>/api/public</c>; null = own.</summary>
    public string? PublicEndpointOverride
    {
        get => Volatile.Read(ref _publicEndpointOverride);
        set => Volatile.Write(ref _publicEndpointOverride, value);
    }

    /// <summary>
    /// Management API versions currently served ("v3", "v4"); may be changed while running. A disabled version's
    /// transfer and negotiation routes answer 404 like unknown routes; <c>/v3/edrs</c> is always served.
    /// </summary>
    public IReadOnlySet<string> ManagementApiVersions
    {
        get => Volatile.Read(ref _managementApiVersions);
        set => Volatile.Write(ref _managementApiVersions, ManagementApiVersion.Normalize(value));
    }

    /// <summary>How the data plane expects the EDR token: "raw" (EDC ≤0.18) or "bearer"; may be changed while running.</summary>
    public string DataPlaneTokenScheme
    {
        get => Volatile.Read(ref _dataPlaneTokenScheme);
        set => Volatile.Write(ref _dataPlaneTokenScheme, DataPlaneTokenSchemes.Normalize(value));
    }

    /// <summary>
    /// Whether the data plane serves <c>Range</c> requests (206) and says so (<c>Accept-Ranges: bytes</c>); may be
    /// changed while running.
    /// </summary>
    public bool DataPlaneRanges
    {
        get => Volatile.Read(ref _dataPlaneRanges);
        set => Volatile.Write(ref _dataPlaneRanges, value);
    }

    /// <summary>
    /// Who chooses transfer process ids (<see cref="TransferIdModes"/>): "server" (EDC 0.17+, a repeated
    /// TransferRequest starts a second transfer) or "client" (EDC ≤0.16, the request's <c>@id</c>); may be changed
    /// while running.
    /// </summary>
    public string TransferIds
    {
        get => Volatile.Read(ref _transferIds);
        set => Volatile.Write(ref _transferIds, TransferIdModes.Normalize(value));
    }
}
