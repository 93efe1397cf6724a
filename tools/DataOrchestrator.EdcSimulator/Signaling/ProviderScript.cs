using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>
/// The provider actions an agreement's <see cref="Scenarios.DpsBehaviour"/> schedules after STARTED: a termination, and
/// a suspension followed by a resumption, each after its delay (on the simulator's clock).
/// </summary>
internal sealed class ProviderScript(ProviderActions actions, TimeProvider timeProvider)
{
    public async Task RunAsync(SimulatedTransfer transfer, CancellationToken ct)
    {
        if (transfer.Behaviour.Dps is not { } script)
        {
            return;
        }

        await Task.WhenAll(SuspendAndResumeAsync(transfer, script.ProviderSuspendAfterMs, script.ProviderResumeAfterMs, ct),
            TerminateAsync(transfer, script.ProviderTerminateAfterMs, ct));
    }

    private async Task SuspendAndResumeAsync(SimulatedTransfer transfer, int? suspendAfterMs, int? resumeAfterMs, CancellationToken ct)
    {
        if (suspendAfterMs is not { } suspendDelay)
        {
            return;
        }

        await DelayAsync(suspendDelay, ct);
        if (await actions.RunAsync(transfer, ProviderActions.Suspend, ct) && resumeAfterMs is { } resumeDelay)
        {
            await DelayAsync(resumeDelay, ct);
            await actions.RunAsync(transfer, ProviderActions.Resume, ct);
        }
    }

    private async Task TerminateAsync(SimulatedTransfer transfer, int? afterMs, CancellationToken ct)
    {
        if (afterMs is { } delay)
        {
            await DelayAsync(delay, ct);
            await actions.RunAsync(transfer, ProviderActions.Terminate, ct);
        }
    }

    private Task DelayAsync(int ms, CancellationToken ct) => Task.Delay(TimeSpan.FromMilliseconds(ms), timeProvider, ct);
}
