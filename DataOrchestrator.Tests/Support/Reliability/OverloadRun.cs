using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Support.Reliability;

/// <summary>
/// Offers single-item orchestrations at a fixed rate for a while, and meanwhile reads <c>GET /status/{id}</c> of accepted
/// ones in a loop, timing each read. Then waits until every accepted orchestration is final.
/// </summary>
internal sealed class OverloadRun(MeasuredService service)
{
    private readonly ConcurrentQueue<string> _accepted = new();
    private readonly ConcurrentQueue<int> _statuses = new();
    private readonly ConcurrentQueue<double> _statusMs = new();
    private int _missingRetryAfter;

    public IReadOnlyCollection<string> Accepted => _accepted;

    public int Offered => _statuses.Count;

    public int Refused => _statuses.Count(s => s is 429 or 503);

    public IReadOnlyList<int> UnexpectedStatuses => _statuses.Where(s => s is not (200 or 429 or 503)).ToArray();

    public int RefusedWithoutRetryAfter => _missingRetryAfter;

    public int StatusReads => _statusMs.Count;

    public double StatusP99Ms => Percentile(0.99);

    public double StatusP50Ms => Percentile(0.50);

    public async Task OfferAsync(double perSecond, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        var reader = ReadStatusesAsync(stop.Token);
        var posts = new List<Task>();
        var watch = Stopwatch.StartNew();
        var sent = 0;
        while (!stop.IsCancellationRequested)
        {
            // Catch up to the schedule rather than sleeping per request: timer resolution would cap the rate.
            var due = (int)(watch.Elapsed.TotalSeconds * perSecond);
            for (; sent < due; sent++)
            {
                posts.Add(PostOneAsync(sent));
            }

            try
            {
                await Task.Delay(5, stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(posts);
        await reader;
    }

    /// <summary>Polls until every accepted orchestration is final; returns the ids that are not.</summary>
    public async Task<IReadOnlyList<string>> WaitForAllFinalAsync(TimeSpan timeout)
    {
        var pending = new HashSet<string>(_accepted);
        var deadline = DateTime.UtcNow + timeout;
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var id in pending.ToArray())
            {
                if (StatusPolling.IsFinal(await service.Client.GetEntryAsync(id)))
                {
                    pending.Remove(id);
                }
            }

            await Task.Delay(200);
        }

        return [.. pending];
    }

    private async Task PostOneAsync(int n)
    {
        using var response = await service.Client.PostAsJsonAsync(new Uri("/orchestrate", UriKind.Relative), service.ExampleRequest($"agreement-{n % 50}"));
        var status = (int)response.StatusCode;
        _statuses.Enqueue(status);
        if (status == 200)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            _accepted.Enqueue(body.GetProperty("orchestration_id").GetString()!);
        }
        else if (status is 429 or 503 && response.Headers.RetryAfter is null)
        {
            Interlocked.Increment(ref _missingRetryAfter);
        }
    }

    private async Task ReadStatusesAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var ids = _accepted.ToArray();
            if (ids.Length > 0)
            {
                var id = ids[Random.Shared.Next(ids.Length)];
                var watch = Stopwatch.StartNew();
                using var response = await service.Client.GetAsync(new Uri($"/status/{id}", UriKind.Relative), CancellationToken.None);
                await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                _statusMs.Enqueue(watch.Elapsed.TotalMilliseconds);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            }

            try
            {
                await Task.Delay(10, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private double Percentile(double p)
    {
        var sorted = _statusMs.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
