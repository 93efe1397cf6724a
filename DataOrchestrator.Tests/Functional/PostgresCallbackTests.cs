using System.Text.Json;
using DataOrchestrator.Testing.Postgres;
using DataOrchestrator.Tests.Support.Callbacks;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>Callbacks with STORAGE_BACKEND=postgres: delivery outlives the instance that finished the orchestration, and instances sharing the database do not both send.</summary>
public sealed class PostgresCallbackTests
{
    private CallbackReceiver _receiver = null!;

    [SetUp]
    public async Task SetUp() => _receiver = await CallbackReceiver.StartAsync(CallbackTests.Secret);

    [TearDown]
    public async Task TearDown() => await _receiver.DisposeAsync();

    private static Dictionary<string, string?> Settings(string connectionString, params (string Key, string Value)[] overrides)
    {
        var settings = CallbackTests.Settings(overrides);
        settings["Persistence:Backend"] = "postgres";
        settings["Persistence:ConnectionString"] = connectionString;
        settings["Persistence:PollIntervalMs"] = "20";
        return settings;
    }

    [Test]
    public async Task ShouldDeliverFromANewInstance_WhenTheFirstStoppedBeforeDelivering()
    {
        var database = await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync();
        _receiver.Default = CallbackReply.Status(503);
        string id;
        await using (var first = await ServiceHarness.StartAsync(Settings(database, ("Callbacks:MaxAttempts", "100"))))
        {
            id = await first.SubmitAsync(CallbackTests.Request(first, _receiver.Url, "a", "b"));
            await first.WaitUntilAsync(id, e => CallbackTests.CallbackState(e) == "PENDING" && CallbackTests.Callback(e).GetProperty("attempts").GetInt32() >= 2);
        }

        var beforeRestart = _receiver.Received.Count;
        _receiver.Default = CallbackReply.Status(200);
        // Nothing finishes in the second instance: only its poll finds the callback (due again within 0.2 s of the last attempt).
        await using var second = await ServiceHarness.StartAsync(Settings(database, ("Callbacks:MaxAttempts", "100"), ("Callbacks:PollIntervalMs", "100")));

        var entry = await second.WaitUntilAsync(id, e => CallbackTests.CallbackState(e) == "DELIVERED");
        await second.StopCallbacksAsync();

        var received = _receiver.Received;
        var delivered = received.Single(r => r.Succeeded);
        Assert.Multiple(() =>
        {
            // At least attempt 1; attempt 2 was claimed, but the stop may have handed it back unsent.
            Assert.That(beforeRestart, Is.GreaterThanOrEqualTo(1), "the first instance tried and failed");
            Assert.That(received.ToList().IndexOf(delivered), Is.GreaterThanOrEqualTo(beforeRestart), "delivered by the second instance");
            Assert.That(received.Select(r => r.Header("X-Callback-Id")), Is.All.EqualTo(id), "one id across attempts and instances");
            Assert.That(received.Select(r => r.SignatureValid), Is.All.True);
            Assert.That(JsonDocument.Parse(delivered.Body).RootElement.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"));
            Assert.That(CallbackTests.Callback(entry).GetProperty("attempts").GetInt32(), Is.EqualTo(int.Parse(delivered.Header("X-Callback-Attempt")!, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(
                CallbackTests.Callback(entry).GetProperty("last_error").GetString(),
                Does.Match("^(HTTP 503|interrupted: the service stopped)$"),
                "from the first instance: a failed attempt, or the one its stop interrupted");
        });
    }

    [Test]
    public async Task ShouldDeliverEveryCallbackOnce_WhenTwoInstancesShareTheDatabase()
    {
        var database = await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync();
        // Polling every 50 ms, so both instances compete for every due callback, not only the one that finished it.
        await using var first = await ServiceHarness.StartAsync(Settings(database, ("Callbacks:PollIntervalMs", "50")));
        await using var second = await ServiceHarness.StartAsync(Settings(database, ("Callbacks:PollIntervalMs", "50")));
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var harness = i % 2 == 0 ? first : second;
            ids.Add(await harness.SubmitAsync(CallbackTests.Request(harness, _receiver.Url, $"a-{i}", $"b-{i}")));
        }

        foreach (var id in ids)
        {
            await first.WaitUntilAsync(id, e => CallbackTests.CallbackState(e) == "DELIVERED");
        }

        await first.StopCallbacksAsync();
        await second.StopCallbacksAsync();
        var received = _receiver.Received;
        Assert.Multiple(() =>
        {
            Assert.That(received.Select(r => r.Header("X-Callback-Id")), Is.EquivalentTo(ids), "each orchestration's callback exactly once");
            Assert.That(received.Select(r => r.Header("X-Callback-Attempt")), Is.All.EqualTo("1"));
        });
    }
}
