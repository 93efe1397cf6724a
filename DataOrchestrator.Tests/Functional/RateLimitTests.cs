using System.Diagnostics;
using System.Net;
using System.Text.Json;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>Each client key has its own token bucket; over it, 429 in the error envelope with Retry-After. Probes are never limited.</summary>
public sealed class RateLimitTests
{
    private const string OtherKey = "second-client-key-for-tests";

    private static readonly Dictionary<string, string?> SmallBucket = new()
    {
        ["Auth:ApiKeys"] = $"{ServiceHarness.ClientKey},{OtherKey}",
        ["RateLimit:PermitsPerSecond"] = "5",
        ["RateLimit:Burst"] = "5",
    };

    /// <summary>The burst, plus what the bucket regains at 5 per second while the requests are sent (and one for rounding).</summary>
    private static int MostAccepted(Stopwatch sending) => 5 + (int)Math.Ceiling(sending.Elapsed.TotalSeconds * 5) + 1;

    private static async Task<List<HttpResponseMessage>> SendAsync(HttpClient client, string path, int count)
    {
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < count; i++)
        {
            responses.Add(await client.GetAsync(path));
        }

        return responses;
    }

    [Test]
    public async Task ShouldAnswer429WithRetryAfter_WhenOneKeyExceedsItsRate_WhileOtherKeysAndProbesGoOn()
    {
        await using var harness = await ServiceHarness.StartAsync(SmallBucket);
        using var other = harness.CreateClient(OtherKey);
        using var anonymous = harness.CreateClient();

        var sending = Stopwatch.StartNew();
        var burst = await SendAsync(harness.Client, "/status", 20);
        sending.Stop();
        using var otherKey = await other.GetAsync("/status");
        var probes = await SendAsync(harness.Client, "/health/live", 20);
        probes.AddRange(await SendAsync(anonymous, "/health/ready", 10));
        var rejected = burst.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
        var body = rejected.Length > 0 ? JsonDocument.Parse(await rejected[0].Content.ReadAsStringAsync()).RootElement : default;

        Assert.Multiple(() =>
        {
            Assert.That(burst.Count(r => r.StatusCode == HttpStatusCode.OK), Is.InRange(5, MostAccepted(sending)));
            Assert.That(rejected, Is.Not.Empty);
            Assert.That(burst.Select(r => r.StatusCode), Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.TooManyRequests));
            Assert.That(rejected.Select(r => r.Headers.RetryAfter?.Delta), Is.All.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
            Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("Too many requests"));
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("ERROR"));
            Assert.That(body.GetProperty("status_code").GetInt32(), Is.EqualTo(429));
            Assert.That(
                body.GetProperty("details").GetProperty("retry_after_seconds")[0].GetString(),
                Is.EqualTo(((int)rejected[0].Headers.RetryAfter!.Delta!.Value.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(otherKey.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another key has a bucket of its own");
            Assert.That(probes.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK), "health probes are never limited");
            Assert.That(harness.Logs.Lines, Has.None.Contains(ServiceHarness.ClientKey));
        });
        burst.ForEach(r => r.Dispose());
        probes.ForEach(r => r.Dispose());
    }

    [Test]
    public async Task ShouldLimitRequestsWithoutAValidKey_ByAddress_WhateverKeyTheyTry()
    {
        await using var harness = await ServiceHarness.StartAsync(SmallBucket);
        var responses = new List<HttpResponseMessage>();
        var sending = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            using var guessing = harness.CreateClient($"guess-{i}");
            responses.Add(await guessing.GetAsync("/status"));
        }

        sending.Stop();
        using var valid = await harness.Client.GetAsync("/status");

        Assert.Multiple(() =>
        {
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Forbidden), Is.InRange(5, MostAccepted(sending)));
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests), Is.EqualTo(20 - responses.Count(r => r.StatusCode == HttpStatusCode.Forbidden)).And.Positive);
            Assert.That(valid.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a valid key is not held up by the guesses");
        });
        responses.ForEach(r => r.Dispose());
    }

    [Test]
    public async Task ShouldNotLimit_WhenPermitsPerSecondIsZero()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>(SmallBucket) { ["RateLimit:PermitsPerSecond"] = "0" });

        var responses = await SendAsync(harness.Client, "/status", 30);

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        responses.ForEach(r => r.Dispose());
    }
}
