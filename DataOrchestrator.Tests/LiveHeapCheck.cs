namespace DataOrchestrator.Tests;

/// <summary>
/// Wraps the whole test run: at its end, what the tests left reachable must be small. Hundreds of service hosts run in
/// this process; when something kept every disposed one (issue 16), 1.6 GiB stayed live halfway through the run, and
/// 1.9 GiB at its end. A full run now ends with 50-110 MiB (the shared array pool keeps the large buffers of the last
/// big responses for a while). A failure here fails the run (the runner exits non-zero and prints the message); find
/// what holds the memory with dotnet-gcdump. With <c>--logger "console;verbosity=normal"</c> the figure is printed.
/// </summary>
[SetUpFixture]
public sealed class LiveHeapCheck
{
    private const long LimitBytes = 256L * 1024 * 1024;

    // Static: the assembly creates a fixture instance per test case, and this runs once, outside any test.
    [OneTimeTearDown]
    public static void ShouldLeaveLittleLive_AtTheEndOfTheRun()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var live = GC.GetTotalMemory(forceFullCollection: true);
        TestContext.Progress.WriteLine($"Live heap at the end of the test run, after a full collection: {live / (1024 * 1024)} MiB (limit {LimitBytes / (1024 * 1024)} MiB)");
        Assert.That(live, Is.LessThan(LimitBytes), $"live heap at the end of the test run, after a full collection: {live / (1024 * 1024)} MiB");
    }
}
