using System.Collections.Concurrent;
using System.Diagnostics;

namespace DataOrchestrator.Bench.Load;

/// <summary>Drives HTTP load from this process: closed loop (N clients back to back) or open loop (fixed arrival rate).</summary>
internal static class LoadGenerator
{
    public sealed record Result(double RequestsPerSecond, Percentiles Latency, int Errors);

    /// <summary><paramref name="concurrency"/> clients each send the next request as soon as the last one answered.</summary>
    public static async Task<Result> ClosedLoopAsync(Func<Task<bool>> request, int concurrency, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await SafeAsync(request);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        await Task.WhenAll(clients);
        var elapsed = clock.Elapsed.TotalSeconds;
        return new Result(latencies.Count / elapsed, Percentiles.Of(latencies), errors);
    }

    /// <summary>Starts a request every 1/<paramref name="rate"/> s whatever the answers; latency counts from the scheduled start.</summary>
    public static async Task<Result> FixedRateAsync(Func<Task<bool>> request, int rate, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var total = (int)(rate * duration.TotalSeconds);
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var scheduled = interval * i;
            var wait = scheduled - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            inFlight.Add(Task.Run(async () =>
            {
                var ok = await SafeAsync(request);
                latencies.Add((clock.Elapsed - scheduled).TotalMilliseconds);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }));
        }

        await Task.WhenAll(inFlight);
        return new Result(total / clock.Elapsed.TotalSeconds, Percentiles.Of(latencies), errors);
    }

    private static async Task<bool> SafeAsync(Func<Task<bool>> request)
    {
        try
        {
            return await request();
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }
}
