using DataOrchestrator.Domain.DataFlows;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.DataFlows;

/// <summary>
/// Applies signals to the stored data flows (<see cref="DataFlowRules"/>), from the control plane and from the
/// service's own workers. Which flows exist: a worker <see cref="ClaimAsync">claims</see> the flow of every transfer it
/// started; a prepare may come before that (EDC prepares while its answer to the TransferRequest is on the way), so a
/// prepare for an unknown process is recorded unclaimed and matched when the worker claims it. Only claimed flows are
/// ever downloaded, and unclaimed ones are removed after <see cref="UnclaimedLifetime"/>.
/// </summary>
public sealed class DataFlowSignals(IDataFlowStore store, TimeProvider timeProvider)
{
    public static readonly TimeSpan UnclaimedLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan FinishedLifetime = TimeSpan.FromDays(7);
    private const int MaxAttempts = 8;

    public Task<DataFlow?> FindAsync(string processId, CancellationToken cancellationToken) => store.FindAsync(processId, cancellationToken);

    public async Task<SignalResult> PrepareAsync(string processId, string? callbackAddress, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var fresh = new DataFlow { ProcessId = processId, State = DataFlowState.Prepared, CallbackAddress = callbackAddress, CreatedAt = now, UpdatedAt = now };
        return await SignalAsync(processId, DataFlowSignal.Prepare, f => f with { CallbackAddress = callbackAddress ?? f.CallbackAddress }, fresh, cancellationToken);
    }

    /// <summary>The started notification with the provider's address (a secret, stored with the flow).</summary>
    public Task<SignalResult> StartedAsync(string processId, string dataAddress, CancellationToken cancellationToken) =>
        SignalAsync(processId, DataFlowSignal.Started, f => f with { DataAddress = dataAddress, Reason = null }, null, cancellationToken);

    public Task<SignalResult> SuspendAsync(string processId, string? reason, CancellationToken cancellationToken) =>
        SignalAsync(processId, DataFlowSignal.Suspend, f => f with { Reason = reason }, null, cancellationToken);

    /// <summary>Resumes a suspended flow; a new address replaces the old one.</summary>
    public Task<SignalResult> ResumeAsync(string processId, string? dataAddress, CancellationToken cancellationToken) =>
        SignalAsync(processId, DataFlowSignal.Resume, f => f with { DataAddress = dataAddress ?? f.DataAddress, Reason = null }, null, cancellationToken);

    public Task<SignalResult> TerminateAsync(string processId, string? reason, CancellationToken cancellationToken) =>
        SignalAsync(processId, DataFlowSignal.Terminate, f => f with { Reason = reason }, null, cancellationToken);

    public Task<SignalResult> CompletedAsync(string processId, CancellationToken cancellationToken) =>
        SignalAsync(processId, DataFlowSignal.Completed, f => f, null, cancellationToken);

    /// <summary>The worker started this transfer: its flow (new, or prepared before) is the service's to download.</summary>
    public async Task<DataFlow> ClaimAsync(string processId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var now = timeProvider.GetUtcNow();
            var stored = await store.FindAsync(processId, cancellationToken);
            if (stored is null)
            {
                var fresh = new DataFlow { ProcessId = processId, State = DataFlowState.Initialized, Claimed = true, CreatedAt = now, UpdatedAt = now };
                if (await store.AddAsync(fresh, cancellationToken))
                {
                    return fresh;
                }
            }
            else if (stored.Claimed)
            {
                return stored;
            }
            else if (await store.ReplaceAsync(stored with { Claimed = true, Version = stored.Version + 1, UpdatedAt = now }, cancellationToken))
            {
                return stored with { Claimed = true, Version = stored.Version + 1, UpdatedAt = now };
            }

            if (attempt >= MaxAttempts)
            {
                throw new InvalidOperationException($"Data flow {processId} kept changing while it was claimed.");
            }
        }
    }

    private async Task<SignalResult> SignalAsync(
        string processId, DataFlowSignal signal, Func<DataFlow, DataFlow> change, DataFlow? createIfMissing, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await store.FindAsync(processId, cancellationToken);
            if (stored is null)
            {
                if (createIfMissing is null)
                {
                    return SignalResult.NotFound(processId);
                }

                await store.RemoveStaleAsync(createIfMissing.CreatedAt - UnclaimedLifetime, createIfMissing.CreatedAt - FinishedLifetime, cancellationToken);
                if (await store.AddAsync(createIfMissing, cancellationToken))
                {
                    return SignalResult.Done(createIfMissing);
                }

                continue;
            }

            if (DataFlowRules.After(stored.State, signal) is not { } next)
            {
                return new SignalResult(
                    SignalStatus.Conflict, stored, $"Data flow {processId} is {StatusNames.WireName(stored.State)}: '{signal}' is not allowed now.");
            }

            if (next == stored.State && signal is not DataFlowSignal.Prepare)
            {
                return SignalResult.Done(stored);
            }

            var moved = change(stored).MoveTo(next, timeProvider.GetUtcNow());
            if (await store.ReplaceAsync(moved, cancellationToken))
            {
                return SignalResult.Done(moved);
            }
        }

        return new SignalResult(SignalStatus.Conflict, null, $"Data flow {processId} kept changing; try again.");
    }
}
