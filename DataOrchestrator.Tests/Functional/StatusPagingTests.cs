using System.Net;
using System.Text.Json;

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
}
