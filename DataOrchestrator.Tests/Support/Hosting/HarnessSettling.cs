using DataOrchestrator.Infrastructure.Callbacks;
using DataOrchestrator.Infrastructure.Workers;
using Microsoft.Extensions.DependencyInjection;

namespace DataOrchestrator.Tests.Support.Hosting;

/// <summary>
/// Brings parts of an in-process service to rest, so that a test can assert what they did not do without waiting an
/// arbitrary time for it.
/// </summary>
internal static class HarnessSettling
{
    /// <summary>
    /// Stops the callback dispatcher and waits for its attempts in flight: afterwards a receiver has seen every
    /// callback this service sent, and will see no more.
    /// </summary>
    public static Task StopCallbacksAsync(this ServiceHarness harness) =>
        harness.Factory.Services.GetRequiredService<CallbackDispatcher>().StopAsync(CancellationToken.None);

    /// <summary>Waits until the workers have taken every queued item and none is running one.</summary>
    public static Task WaitUntilWorkersIdleAsync(this ServiceHarness harness)
    {
        var queue = harness.Factory.Services.GetRequiredService<ChannelOrchestrationQueue>();
        var workers = harness.Factory.Services.GetRequiredService<WorkerPool>();
        return Eventually.UntilAsync(() => queue.Count == 0 && workers.ActiveWorkers == 0, TimeSpan.FromSeconds(30), "the workers are idle");
    }
}
