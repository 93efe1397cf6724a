using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>
/// What the counterparty (or the consumer's own terminate call) makes the consumer control plane tell its data plane:
/// terminate, suspend and resume, each a state change plus a message to <c>{endpoint}/{id}/…</c>.
/// </summary>
internal sealed class ProviderActions(SimulatorState state, DataPlaneClient client)
{
    public const string Terminate = "terminate";
    public const string Suspend = "suspend";
    public const string Resume = "resume";

    /// <summary>Runs one action; false when the transfer's state does not allow it (nothing is sent then).</summary>
    public Task<bool> RunAsync(SimulatedTransfer transfer, string action, CancellationToken ct) => action switch
    {
        Terminate => TerminateAsync(transfer, "Terminated by the provider", ct),
        Suspend => SuspendAsync(transfer, ct),
        Resume => ResumeAsync(transfer, ct),
        _ => throw new ArgumentException($"Unknown provider action '{action}'", nameof(action)),
    };

    public async Task<bool> TerminateAsync(SimulatedTransfer transfer, string reason, CancellationToken ct)
    {
        var flow = transfer.Dps!;
        if (!flow.TryTerminate(reason, state.NowMs()))
        {
            return false;
        }

        state.TransferStore.RevokeToken(transfer);
        await NotifyTerminatedAsync(flow, reason, ct);
        return true;
    }

    /// <summary>Sends <c>/terminate</c> to the flow's data plane (after the state already changed), if it has one.</summary>
    public async Task NotifyTerminatedAsync(DpsFlow flow, string? reason, CancellationToken ct)
    {
        if (flow.DataPlane is not null)
        {
            await client.SendAsync(flow, DpsMessageKinds.Terminate, $"{Uri.EscapeDataString(flow.TransferId)}/terminate", DpsMessages.Terminate(reason), ct);
        }
    }

    private async Task<bool> SuspendAsync(SimulatedTransfer transfer, CancellationToken ct)
    {
        var flow = transfer.Dps!;
        if (!flow.TryMove(TransferStates.Suspended, state.NowMs(), TransferStates.Started))
        {
            return false;
        }

        await client.SendAsync(flow, DpsMessageKinds.Suspend, $"{Uri.EscapeDataString(flow.TransferId)}/suspend", DpsMessages.Suspend(), ct);
        return true;
    }

    private async Task<bool> ResumeAsync(SimulatedTransfer transfer, CancellationToken ct)
    {
        var flow = transfer.Dps!;
        if (!flow.TryMove(TransferStates.Started, state.NowMs(), TransferStates.Suspended))
        {
            return false;
        }

        await client.SendAsync(flow, DpsMessageKinds.Resume, $"{Uri.EscapeDataString(flow.TransferId)}/resume", DpsMessages.Resume(), ct);
        return true;
    }
}
