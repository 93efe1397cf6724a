using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Domain.DataFlows;
using Microsoft.Extensions.Logging;

namespace DataOrchestrator.Application.DataFlows;

/// <summary>
/// Ends a DPS data flow towards the control plane, best effort (a failure is logged, never thrown). Saved: the
/// <c>completed</c> callback, after which EDC completes the transfer. Failed: the <c>errored</c> callback, then a
/// terminate through the Management API, because EDC only logs <c>errored</c> and the transfer would stay STARTED.
/// The callbacks go to the prepare's <c>callbackAddress</c>, else EDC_SIGNALING_URL, else the one registered control plane.
/// </summary>
public sealed class DataFlowCompletion(
    IControlPlaneSignaling signaling, DataFlowSignals flows, IDataFlowStore store, TransferTerminator terminator, ILogger<DataFlowCompletion> logger)
{
    public const string Completed = "completed";
    public const string Errored = "errored";

    public async Task CompletedAsync(PipelineRun run, string transferId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var flow = await FindAsync(transferId, cancellationToken);
        if (await SendAsync(run, flow, transferId, Completed, DataFlowState.Completed, null, cancellationToken))
        {
            await MarkAsync(() => flows.CompletedAsync(transferId, cancellationToken));
            return;
        }

        await ErroredAsync(run, transferId, "The data was saved, but the control plane did not accept the completed callback.", cancellationToken);
    }

    public async Task ErroredAsync(PipelineRun run, string transferId, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var flow = await FindAsync(transferId, cancellationToken);
        if (flow?.IsFinished == true)
        {
            // Ended by the control plane (terminate): nothing left to tell it.
            return;
        }

        await SendAsync(run, flow, transferId, Errored, DataFlowState.Terminated, error, cancellationToken);
        await terminator.TerminateAsync(run.Connection, transferId, error, cancellationToken);
        await MarkAsync(() => flows.TerminateAsync(transferId, error, cancellationToken));
    }

    private async Task<bool> SendAsync(
        PipelineRun run, DataFlow? flow, string transferId, string callback, DataFlowState state, string? error, CancellationToken cancellationToken)
    {
        try
        {
            var signalingBase = await SignalingBaseAsync(run, flow, cancellationToken)
                ?? throw new SignalingCallbackException("no signaling address is known (no callbackAddress, EDC_SIGNALING_URL or registered control plane).");
            await signaling.NotifyAsync(signalingBase, transferId, callback, state, error, cancellationToken);
            DataFlowLog.CallbackSent(logger, transferId, callback);
            return true;
        }
        catch (Exception exception) when (exception is SignalingCallbackException or StoreUnavailableException)
        {
            DataFlowLog.CallbackFailed(logger, transferId, callback, exception.Message);
            return false;
        }
    }

    private async Task<Uri?> SignalingBaseAsync(PipelineRun run, DataFlow? flow, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(flow?.CallbackAddress, UriKind.Absolute, out var callbackAddress))
        {
            return callbackAddress;
        }

        if (run.Connector.SignalingUrl is { } configured)
        {
            return configured;
        }

        var registered = await store.ControlPlanesAsync(cancellationToken);
        return registered.Count == 1 && Uri.TryCreate(registered[0].Endpoint, UriKind.Absolute, out var endpoint) ? endpoint : null;
    }

    private async Task<DataFlow?> FindAsync(string transferId, CancellationToken cancellationToken)
    {
        try
        {
            return await flows.FindAsync(transferId, cancellationToken);
        }
        catch (StoreUnavailableException)
        {
            return null;
        }
    }

    /// <summary>The flow's own record follows; the control plane has been told already, so a store away now changes nothing.</summary>
    private static async Task MarkAsync(Func<Task> mark)
    {
        try
        {
            await mark();
        }
        catch (StoreUnavailableException)
        {
        }
    }
}
