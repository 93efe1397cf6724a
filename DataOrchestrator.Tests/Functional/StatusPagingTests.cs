using System.Net;
using System.Text.Json;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

public sealed class StatusPagingTests
{
    private ServiceHarness _harness = null!;

    [SetUp]
    public async Task SetUp() => _harness = await ServiceHarness.StartAsync();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    private async Task<(string[] Ids, string? Next)> PageAsync(string query)
    {
        using var response = await _harness.Client.GetAsync($"/status{query}");
        var json = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json);
        var inner = JsonDocument.Parse(json).RootElement.GetProperty("response");
        return (inner.GetProperty("orchestration_processes").EnumerateObject().Select(p => p.Name).ToArray(), inner.GetProperty("next_cursor").GetString());
    }

    [Test]
    public async Task ShouldPageNewestFirst_WithoutDuplicatesOrGaps_WhileNewOnesArrive()
    {
        var submitted = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            submitted.Add(await _harness.SubmitAsync(_harness.ExampleRequest($"c{i}")));
        }

        var seen = new List<string>();
        var (ids, next) = await PageAsync("?limit=10");
        seen.AddRange(ids);
        var inserted = await _harness.SubmitAsync(_harness.ExampleRequest("late"));
        while (next is not null)
        {
            (ids, next) = await PageAsync($"?limit=10&cursor={Uri.EscapeDataString(next)}");
            seen.AddRange(ids);
        }

        var (firstPage, _) = await PageAsync("?limit=1");
        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(Enumerable.Reverse(submitted).ToArray()), "every orchestration once, newest first, none skipped");
            Assert.That(firstPage, Is.EqualTo(new[] { inserted }));
        });
    }

    [Test]
    public async Task ShouldPageThrough5000Orchestrations_WithoutDuplicatesOrGaps_WhileOthersAreSubmittedConcurrently()
    {
        // One client key submits 5,000 orchestrations as fast as it can: far beyond the default rate limit, which is not what this test is about.
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Workers:Count"] = "1", ["Workers:QueueCapacity"] = "20000", ["RateLimit:PermitsPerSecond"] = "0",
        });
        harness.Simulator.State.SetBehaviour("hold", new() { StartDelayMs = 600_000 });
        var existing = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForAsync(0, 5000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) => existing.Add(await harness.SubmitAsync(harness.ExampleRequest("hold"))));

        using var stopInserting = new CancellationTokenSource();
        var concurrent = new System.Collections.Concurrent.ConcurrentBag<string>();
        var inserting = Task.Run(async () =>
        {
            while (!stopInserting.IsCancellationRequested)
            {
                concurrent.Add(await harness.SubmitAsync(harness.ExampleRequest("hold")));
            }
        });

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            using var response = await harness.Client.GetAsync($"/status?limit=500{(cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor))}");
            var inner = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("response");
            seen.AddRange(inner.GetProperty("orchestration_processes").EnumerateObject().Select(p => p.Name));
            cursor = inner.GetProperty("next_cursor").GetString();
            pages++;
        }
        while (cursor is not null);

        await stopInserting.CancelAsync();
        await inserting;
        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.Unique, "no orchestration twice");
            Assert.That(seen.Except(concurrent), Is.EquivalentTo(existing), "every orchestration that existed before paging began, none missing");
            Assert.That(pages, Is.GreaterThanOrEqualTo(10));
            Assert.That(concurrent, Is.Not.Empty, "orchestrations really arrived while paging");
        });
    }

    [Test]
    public async Task ShouldReturnTheNewest100_WithoutParameters()
    {
        for (var i = 0; i < 3; i++)
        {
            await _harness.SubmitAsync(_harness.ExampleRequest($"c{i}"));
        }

        var (ids, next) = await PageAsync(string.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(ids, Has.Length.EqualTo(3));
            Assert.That(next, Is.Null);
        });
    }

    [TestCase("?limit=0", "limit")]
    [TestCase("?limit=1001", "limit")]
    [TestCase("?limit=ten", "limit")]
    [TestCase("?cursor=not-a-cursor", "cursor")]
    [TestCase("?cursor=djE6LTE", "cursor")]
    [TestCase("?status=DONE", "status")]
    [TestCase("?status=COMPLETED,queued", "status")]
    [TestCase("?created_after=yesterday", "created_after")]
    [TestCase("?status=", "status")]
    [TestCase("?status=,", "status")]
    [TestCase("?status=COMPLETED&status=", "status")]
    [TestCase("?status=%FF%FE", "status")]
    [TestCase("?limit=", "limit")]
    [TestCase("?limit=5&limit=6", "limit")]
    [TestCase("?cursor=", "cursor")]
    [TestCase("?cursor=%C3%28", "cursor")]
    [TestCase("?created_after=", "created_after")]
    [TestCase("?created_before=2026-01-02T00:00:00Z&created_before=2026-01-03T00:00:00Z", "created_before")]
    [TestCase("?created_after=2026-01-02T00:00:00Z&created_before=2026-01-01T00:00:00Z", "created_before")]
    public async Task ShouldAnswer400_ForBadPagingParameters(string query, string field)
    {
        using var response = await _harness.Client.GetAsync($"/status{query}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("ERROR"));
            Assert.That(body.GetProperty("details").TryGetProperty(field, out _), Is.True, body.ToString());
        });
    }

    [Test]
    public async Task ShouldListOnlyTheAskedStatuses_AndCreationWindow_AcrossPages()
    {
        _harness.Simulator.State.SetBehaviour("gone", new() { RejectTransfer = new() });
        var completed = new List<string>();
        var failed = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            completed.Add(await _harness.SubmitAsync(_harness.ExampleRequest($"ok-{i}")));
            failed.Add(await _harness.SubmitAsync(_harness.ExampleRequest("gone")));
        }

        foreach (var id in completed.Concat(failed))
        {
            await _harness.WaitForFinalAsync(id);
        }

        var seen = new List<string>();
        var (ids, next) = await PageAsync("?status=COMPLETED&limit=2");
        seen.AddRange(ids);
        while (next is not null)
        {
            (ids, next) = await PageAsync($"?status=COMPLETED&limit=2&cursor={Uri.EscapeDataString(next)}");
            seen.AddRange(ids);
        }

        var (both, _) = await PageAsync("?status=FAILED,COMPLETED");
        var (repeated, _) = await PageAsync("?status=FAILED&status=PARTIALLY_COMPLETED");
        var (future, _) = await PageAsync($"?created_after={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}");
        var (past, _) = await PageAsync($"?created_after={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}&created_before={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}");

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(Enumerable.Reverse(completed).ToArray()));
            Assert.That(both, Has.Length.EqualTo(10));
            Assert.That(repeated, Is.EquivalentTo(failed));
            Assert.That(future, Is.Empty);
            Assert.That(past, Has.Length.EqualTo(10));
        });
    }
}
