using Microsoft.Extensions.Time.Testing;

namespace DataOrchestrator.Tests.Support.Time;

/// <summary>
/// Moves a <see cref="FakeTimeProvider"/> on while code under test runs, so that its polls, retry delays and timeouts
/// pass in fake time: no test waits for them in real time.
/// </summary>
internal static class FakeTimeDriving
{
    /// <summary>The smallest delay the pipeline's tests configure (state polls, data-address retries).</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);

    /// <summary>More fake time than any of those tests needs; a run still going after it is stuck, and fails.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromHours(1);

    /// <summary>
    /// Advances the clock by <see cref="Step"/> until <paramref name="task"/> ends, letting what each step released run
    /// before the next; returns its result or throws its exception.
    /// </summary>
    public static async Task<T> AdvanceUntilDoneAsync<T>(this FakeTimeProvider time, Task<T> task)
    {
        await time.AdvanceUntilDoneAsync((Task)task);
        return await task;
    }

    /// <summary>Advances the clock by <see cref="Step"/> until <paramref name="task"/> ends; throws its exception.</summary>
    public static async Task AdvanceUntilDoneAsync(this FakeTimeProvider time, Task task)
    {
        var end = time.GetUtcNow() + Limit;
        while (!task.IsCompleted)
        {
            if (time.GetUtcNow() >= end)
            {
                throw new TimeoutException($"Still running after {Limit} of fake time.");
            }

            time.Advance(Step);
            await Task.Yield();
        }

        await task;
    }
}
