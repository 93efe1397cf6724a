using System.Net;
using System.Text.Json;
using DataOrchestrator.Testing.Postgres;
using DataOrchestrator.Tests.Support.Callbacks;
using DataOrchestrator.Tests.Support.Hosting;
using Npgsql;

namespace DataOrchestrator.Tests.Functional;

/// <summary>POST /orchestrate/{id}/retry with STORAGE_BACKEND=postgres: retried items go back into the durable queue, across instances.</summary>
public sealed class PostgresRetryTests
{
    private CallbackReceiver _receiver = null!;

    [SetUp]
    public async Task SetUp() => _receiver = await CallbackReceiver.StartAsync(CallbackTests.Secret);

    [TearDown]
    public async Task TearDown() => await _receiver.DisposeAsync();

    private static Dictionary<string, string?> Settings(string connectionString)
    {
        var settings = CallbackTests.Settings();
        settings["Persistence:Backend"] = "postgres";
        settings["Persistence:ConnectionString"] = connectionString;
        settings["Persistence:PollIntervalMs"] = "20";
        return settings;
    }

    [Test]
    public async Task ShouldRunTheRetriedItemToSaved_AndSendTheNextCallbackRound_WhenRetriedOnPostgres()
    {
        var database = await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync();
        await using var harness = await ServiceHarness.StartAsync(Settings(database));
        var (id, before) = await RetryTests.FailOneItemAsync(harness, _receiver.Url);
        await _receiver.WaitForAsync(1);
        await harness.WaitUntilAsync(id, e => CallbackTests.CallbackState(e) == "DELIVERED");

        var (status, body) = await RetryTests.RetryAsync(harness, id);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted), body.ToString());
        var after = await harness.WaitUntilAsync(id, e => CallbackTests.CallbackState(e) == "DELIVERED" && e.GetProperty("process_status").GetString() == "COMPLETED");
        RetryTests.AssertRetriedToSaved(before, after);
        var received = await _receiver.WaitForAsync(2);
        Assert.Multiple(() =>
        {
            Assert.That(received.Select(r => r.Header("X-Callback-Id")), Is.EqualTo(new[] { id, id + ".2" }));
            Assert.That(JsonDocument.Parse(received[1].Body).RootElement.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"));
        });

        var (again, againBody) = await RetryTests.RetryAsync(harness, id);
        Assert.That(again, Is.EqualTo(HttpStatusCode.Conflict), againBody.ToString());
    }

    [Test]
    public async Task ShouldRetryThroughAnotherInstance_WhenTwoInstancesShareTheDatabase()
    {
        var database = await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync();
        await using var first = await ServiceHarness.StartAsync(Settings(database));
        await using var second = await ServiceHarness.StartAsync(Settings(database));
        var (id, before) = await RetryTests.FailOneItemAsync(first);

        var (status, body) = await RetryTests.RetryAsync(second, id);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted), body.ToString());
        var after = await second.WaitForFinalAsync(id, TimeSpan.FromSeconds(10));
        RetryTests.AssertRetriedToSaved(before, after);
    }
    [Test]
    public async Task ShouldQueueRetriedItemsBehindWorkSubmittedBeforeTheRetry()
    {
        var database = await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync();
        await using var harness = await ServiceHarness.StartAsync(Settings(database));
        var (failed, _) = await RetryTests.FailOneItemAsync(harness);
        var later = await harness.SubmitAsync(CallbackTests.Request(harness, null, "later"));
        await harness.WaitForFinalAsync(later, TimeSpan.FromSeconds(10));

        var (status, body) = await RetryTests.RetryAsync(harness, failed);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted), body.ToString());

        // A retry is new work: like the in-memory queue, the durable one takes it after what was queued before it.
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var query = dataSource.CreateCommand(
            "SELECT orchestration_id, item_index, queue_position FROM orchestration_items WHERE orchestration_id = ANY(@ids)");
        query.Parameters.AddWithValue("ids", new[] { Guid.Parse(failed), Guid.Parse(later) });
        var positions = new Dictionary<(Guid, int), long>();
        await using (var reader = await query.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                positions[(reader.GetGuid(0), reader.GetInt32(1))] = reader.GetInt64(2);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(positions[(Guid.Parse(failed), 0)], Is.GreaterThan(positions[(Guid.Parse(later), 0)]), "the retried item");
            Assert.That(positions[(Guid.Parse(failed), 1)], Is.LessThan(positions[(Guid.Parse(later), 0)]), "the saved item, not retried, keeps its place");
        });
        Assert.That(RetryTests.Status(RetryTests.Items(await harness.WaitForFinalAsync(failed, TimeSpan.FromSeconds(10)))[0]), Is.EqualTo("SAVED"));
    }
}
