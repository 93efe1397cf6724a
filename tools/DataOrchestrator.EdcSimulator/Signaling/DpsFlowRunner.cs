using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>
/// Drives a DPS transfer the way EDC's consumer control plane does, in the background after the create call answered:
/// select a data plane, prepare, the provider's start (the agreement's <c>startDelayMs</c>), <c>/started</c> with the
/// DataAddress, then the agreement's scripted provider actions. Any failure before STARTED is fatal: TERMINATED.
/// </summary>
internal sealed class DpsFlowRunner(
    SimulatorState state, DataPlaneClient client, ProviderActions actions, IHostApplicationLifetime lifetime,
    ILogger<DpsFlowRunner> logger)
{
    public ProviderActions Actions => actions;

    public void Start(SimulatedTransfer transfer) =>
        _ = Task.Run(() => RunAsync(transfer, lifetime.ApplicationStopping), CancellationToken.None);

    /// <summary>A consumer's terminate call already terminated the flow; tell its data plane in the background.</summary>
    public void NotifyConsumerTerminated(DpsFlow flow, string? reason) =>
        _ = Task.Run(() => actions.NotifyTerminatedAsync(flow, reason, lifetime.ApplicationStopping), CancellationToken.None);

    private async Task RunAsync(SimulatedTransfer transfer, CancellationToken ct)
    {
        var flow = transfer.Dps!;
        try
        {
            if (await PrepareAsync(transfer, flow, ct) && await StartAsync(transfer, flow, ct))
            {
                await new ProviderScript(actions, state.TimeProvider).RunAsync(transfer, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The simulator is stopping.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "DPS flow of transfer {TransferId} failed", transfer.Id);
            flow.TryTerminate("Simulator error: " + ex.GetType().Name, state.NowMs());
        }
    }

    // INITIAL → (PREPARATION_REQUESTED →) REQUESTING; false once the flow is TERMINATED.
    private async Task<bool> PrepareAsync(SimulatedTransfer transfer, DpsFlow flow, CancellationToken ct)
    {
        var request = transfer.Request;
        flow.DataPlane = state.Dps.Registry.Select(request.TransferType, request.Labels ?? []);
        if (flow.DataPlane is null)
        {
            var labels = string.Join(", ", request.Labels ?? []);
            return Fail(flow, $"No dataplane found for transfer type {request.TransferType} and labels [{labels}]");
        }

        var answer = await client.SendAsync(flow, DpsMessageKinds.Prepare, "prepare", DpsMessages.Prepare(transfer, flow), ct);
        var flowState = answer.FlowState();
        if (flowState is null)
        {
            return Fail(flow, $"Data plane {flow.DataPlane.DataplaneId} refused prepare: {Describe(answer)}");
        }

        var now = state.NowMs();
        if (flowState.EndsWith("ING", StringComparison.Ordinal))
        {
            // The data plane calls /prepared when done; it may have done so already.
            flow.TryMove(TransferStates.PreparationRequested, now, TransferStates.Initial);
            await flow.Prepared.WaitAsync(ct);
            return flow.Status.State == TransferStates.Requesting;
        }

        return flow.TryMove(TransferStates.Requesting, now, TransferStates.Initial);
    }

    // REQUESTING → REQUESTED (the provider) → STARTUP_REQUESTED → /started → STARTED; false when it did not get there.
    private async Task<bool> StartAsync(SimulatedTransfer transfer, DpsFlow flow, CancellationToken ct)
    {
        if (!flow.TryMove(TransferStates.Requested, state.NowMs(), TransferStates.Requesting))
        {
            return false;
        }

        await Task.Delay(TimeSpan.FromMilliseconds(transfer.Behaviour.StartDelayMs), state.TimeProvider, ct);
        if (!flow.TryMove(TransferStates.StartupRequested, state.NowMs(), TransferStates.Requested))
        {
            return false;
        }

        var dataAddress = DpsDataAddress.Build(flow.DataAddressForm, flow.DataEndpoint, transfer.Token.Value);
        var path = $"{Uri.EscapeDataString(transfer.Id)}/started";
        var answer = await client.SendAsync(flow, DpsMessageKinds.Started, path, DpsMessages.Started(dataAddress), ct);
        if (!answer.IsSuccess)
        {
            var reason = $"Data plane {flow.DataPlane!.DataplaneId} refused started: {Describe(answer)}";
            if (flow.TryTerminate(reason, state.NowMs()))
            {
                state.TransferStore.RevokeToken(transfer);
                await actions.NotifyTerminatedAsync(flow, reason, ct);
            }

            return false;
        }

        return flow.TryMove(TransferStates.Started, state.NowMs(), TransferStates.StartupRequested);
    }

    private bool Fail(DpsFlow flow, string errorDetail)
    {
        flow.TryTerminate(errorDetail, state.NowMs());
        return false;
    }

    private static string Describe(DataPlaneAnswer answer) =>
        answer.Status is { } status ? $"HTTP {status}" : "no answer";
}
