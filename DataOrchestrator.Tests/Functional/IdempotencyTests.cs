using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataOrchestrator.Testing.Postgres;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>Idempotency-Key: a retried POST returns the first orchestration instead of starting another.</summary>
public sealed class IdempotencyTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(ServiceHarness harness, object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orchestrate") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        using var response = await harness.Client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static async Task<Dictionary<string, string?>> StoreSettingsAsync(string store) => store == "postgres"
        ? new Dictionary<string, string?>
        {
            ["Persistence:Backend"] = "postgres",
            ["Persistence:ConnectionString"] = await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync(),
            ["Persistence:PollIntervalMs"] = "20",
        }
        : [];

    [TestCase("memory")]
    [TestCase("postgres")]
    public async Task ShouldCreateOneOrchestration_From20ConcurrentIdenticalPosts(string store)
    {
        await using var harness = await ServiceHarness.StartAsync(await StoreSettingsAsync(store));
        var body = harness.ExampleRequest("a", "b");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PostAsync(harness, body, "order-7731")));
        foreach (var id in answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.Body.GetProperty("orchestration_id").GetString()!).Distinct())
        {
            await harness.WaitForFinalAsync(id); // its items have run
        }

        using var list = await harness.Client.GetAsync("/status");
        var listed = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("response").GetProperty("orchestration_processes");
        Assert.Multiple(() =>
        {
            Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.OK));
            Assert.That(answers.Select(a => a.Body.GetProperty("orchestration_id").GetString()).Distinct().Count(), Is.EqualTo(1), "every caller got the same id");
            Assert.That(listed.EnumerateObject().Count(), Is.EqualTo(1), "one orchestration stored");
            Assert.That(harness.Simulator.State.Transfers, Has.Count.LessThanOrEqualTo(2), "its two items ran once");
        });
    }

    [TestCase("memory")]
    [TestCase("postgres")]
    public async Task ShouldAnswer409_ForTheSameKeyWithADifferentBody_AndStoreNothing(string store)
    {
        await using var harness = await ServiceHarness.StartAsync(await StoreSettingsAsync(store));
        var first = await PostAsync(harness, harness.ExampleRequest("a"), "order-1");

        var conflict = await PostAsync(harness, harness.ExampleRequest("b"), "order-1");
        var otherKey = await PostAsync(harness, harness.ExampleRequest("b"), "order-2");
        var noKey = await PostAsync(harness, harness.ExampleRequest("a"), null);

        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(conflict.Status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(conflict.Body.GetProperty("status_code").GetInt32(), Is.EqualTo(409));
            Assert.That(conflict.Body.GetProperty("details").TryGetProperty("Idempotency-Key", out _), Is.True, conflict.Body.ToString());
            Assert.That(otherKey.Body.GetProperty("orchestration_id").GetString(), Is.Not.EqualTo(first.Body.GetProperty("orchestration_id").GetString()));
            Assert.That(noKey.Body.GetProperty("orchestration_id").GetString(), Is.Not.EqualTo(first.Body.GetProperty("orchestration_id").GetString()), "without a key every POST is new");
        });
    }

    [Test]
    public async Task ShouldTellRequestsApartByPathAndQuery_ButNotByTheOrderOfQueryParameters()
    {
        await using var harness = await ServiceHarness.StartAsync();
        object Body(string path, params (string Name, string Value)[] query) => new
        {
            data = new[] { new { counterPartyAddress = "http://provider/api/dsp", contractId = "a", path, query = query.ToDictionary(p => p.Name, p => p.Value) } },
            connectorAddress = harness.Simulator.ConnectorAddress,
        };

        var first = await PostAsync(harness, Body("parts/42", ("lang", "de"), ("q", "x")), "order-9");
        var reordered = await PostAsync(harness, Body("parts/42", ("q", "x"), ("lang", "de")), "order-9");
        var otherPath = await PostAsync(harness, Body("parts/43", ("lang", "de"), ("q", "x")), "order-9");
        var otherQuery = await PostAsync(harness, Body("parts/42", ("lang", "en"), ("q", "x")), "order-9");

        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.Body.ToString());
            Assert.That(reordered.Status, Is.EqualTo(HttpStatusCode.OK), reordered.Body.ToString());
            Assert.That(reordered.Body.GetProperty("orchestration_id").GetString(), Is.EqualTo(first.Body.GetProperty("orchestration_id").GetString()));
            Assert.That(otherPath.Status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(otherQuery.Status, Is.EqualTo(HttpStatusCode.Conflict));
        });
    }

    [Test]
    public async Task ShouldStartAfresh_OnceTheKeyExpired()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Idempotency:KeyTtlHours"] = "0.0001" }); // 0.36 s
        var first = await PostAsync(harness, harness.ExampleRequest("a"), "order-1");

        // Another body under the same key is refused (409) until the key has expired.
        (HttpStatusCode Status, JsonElement Body) later = default;
        await Eventually.UntilAsync(
            async () => (later = await PostAsync(harness, harness.ExampleRequest("b"), "order-1")).Status != HttpStatusCode.Conflict,
            TimeSpan.FromSeconds(10),
            "the key has expired");

        Assert.Multiple(() =>
        {
            Assert.That(later.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(later.Body.GetProperty("orchestration_id").GetString(), Is.Not.EqualTo(first.Body.GetProperty("orchestration_id").GetString()));
        });
    }

    [TestCase("has space")]
    [TestCase("")]
    public async Task ShouldAnswer400_ForAnUnusableKey(string key)
    {
        await using var harness = await ServiceHarness.StartAsync();

        var answer = await PostAsync(harness, harness.ExampleRequest("a"), key + new string('x', key.Length == 0 ? 256 : 0));

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(answer.Body.GetProperty("details").TryGetProperty("Idempotency-Key", out _), Is.True, answer.Body.ToString());
        });
    }
}
