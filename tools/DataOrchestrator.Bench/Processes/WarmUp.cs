using System.Diagnostics;
using System.Globalization;

namespace DataOrchestrator.Bench.Processes;

/// <summary>
/// Runs the scenario's own work through a fresh service until its JIT has settled, so that what follows measures the
/// steady state. .NET compiles a hot method up to three times (quick code, then instrumented, then optimised); under
/// this pipeline's load that takes 15–25 s of CPU-bound work on this machine, during which the service needs about
/// twice the CPU per item. A fixed warm-up of a few hundred items ended long before that.
/// </summary>
internal static class WarmUp
{
    /// <summary>Methods compiled in a quiet window, at most: the odd timer or shutdown path, not tiering.</summary>
    public const int SettledMethods = 10;

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    public sealed record Result(int Items, double Seconds, long MethodsCompiled, bool Settled);

    /// <summary>
    /// Submits batches of <paramref name="batchOrchestrations"/> × <paramref name="items"/> and waits for their files
    /// until a window of at least 2 s compiled no more than a handful of methods, or <paramref name="limit"/> passed.
    /// </summary>
    public static async Task<Result> UntilJitSettledAsync(
        ServiceClient client, string dataDirectory, int batchOrchestrations, int items, TimeSpan limit, int filesBefore = 0)
    {
        var clock = Stopwatch.StartNew();
        var start = await client.JitCompiledMethodsAsync();
        var done = 0;
        while (true)
        {
            var windowStart = clock.Elapsed;
            var compiledBefore = await client.JitCompiledMethodsAsync();
            do
            {
                await client.SubmitManyAsync(batchOrchestrations, items, "warm-up", 8);
                done += batchOrchestrations * items;
                await ServiceClient.WaitForFilesAsync(dataDirectory, filesBefore + done, limit + TimeSpan.FromMinutes(2));
            }
            while (clock.Elapsed - windowStart < Window);

            var compiled = await client.JitCompiledMethodsAsync();
            var settled = compiled - compiledBefore <= SettledMethods;
            if (settled || clock.Elapsed > limit)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  warm-up: {done} items in {clock.Elapsed.TotalSeconds:0.0} s, {compiled - start} methods compiled, {(settled ? "JIT settled" : "JIT still compiling")}"));
                return new Result(done, clock.Elapsed.TotalSeconds, compiled - start, settled);
            }
        }
    }
}
