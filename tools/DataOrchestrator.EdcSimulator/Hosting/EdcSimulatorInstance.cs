namespace DataOrchestrator.EdcSimulator.Hosting;

/// <summary>A running simulator. Dispose it to stop Kestrel and free the port.</summary>
public sealed class EdcSimulatorInstance : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    internal EdcSimulatorInstance(WebApplication app, Uri baseAddress, SimulatorState state)
    {
        _app = app;
        State = state;
        var root = baseAddress.GetLeftPart(UriPartial.Authority);
        BaseAddress = new Uri(root);
        ConnectorAddress = root + "/consumer/cp";
        ManagementAddress = ConnectorAddress + "/api/management";
        PublicEndpoint = root + "/api/public";
    }

    /// <summary>Where the simulator listens, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; }

    /// <summary>What clients pass as connectorAddress (MVD 0.14 layout): {BaseAddress}/consumer/cp.</summary>
    public string ConnectorAddress { get; }

    /// <summary>The management API base under <see cref="ConnectorAddress"/>.</summary>
    public string ManagementAddress { get; }

    /// <summary>The provider data plane endpoint handed out in EDRs (unless overridden).</summary>
    public string PublicEndpoint { get; }

    /// <summary>The management API key the simulator expects.</summary>
    public string ApiKey => State.ApiKey;

    /// <summary>Behaviours, latency and the call log, for direct use by tests.</summary>
    public SimulatorState State { get; }

    /// <summary>Completes when the host shuts down (Ctrl+C when console signals are handled).</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    /// <summary>Stops the host; open downloads and stalled responses are aborted.</summary>
    public Task StopAsync(CancellationToken ct = default) => _app.StopAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
