using System.Text.Json.Nodes;
using DataOrchestrator.Testing.Postgres;
using DataOrchestrator.Tests.Support.Dps;
using Npgsql;

namespace DataOrchestrator.Tests.Functional.Dps;

/// <summary>The DPS flow with PostgreSQL: the notifications land in the database (migration 7), where the worker finds them.</summary>
public sealed class PostgresDataPlaneSignalingTests
{
    [Test]
    public async Task ShouldSaveTheItem_WithTheFlowKeptInTheDatabase_AndItsAddressDroppedOnceItEnds()
    {
        var connectionString = await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync();
        await using var harness = await DpsHarness.StartAsync(_ => new Dictionary<string, string?>
        {
            ["Persistence:Backend"] = "postgres",
            ["Persistence:ConnectionString"] = connectionString,
        });

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync());
        var transferId = entry.GetProperty("items")[0].GetProperty("transfer_id").GetString()!;
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand("SELECT state, claimed, data_address, callback_address FROM data_flows WHERE process_id = @id");
        command.Parameters.AddWithValue("id", transferId);
        string? state = null;
        for (var attempt = 0; attempt < 200 && state != "COMPLETED"; attempt++)
        {
            await using var reader = await command.ExecuteReaderAsync();
            state = await reader.ReadAsync() ? reader.GetString(0) : null;
            if (state == "COMPLETED")
            {
                Assert.Multiple(() =>
                {
                    Assert.That(reader.GetBoolean(1), Is.True);
                    Assert.That(reader.IsDBNull(2), Is.True, "the token is not kept once the flow ended");
                    Assert.That(reader.GetString(3), Does.EndWith(FakeDpsControlPlane.SignalingPath));
                });
            }
            else
            {
                await Task.Delay(25);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), entry.ToString());
            Assert.That(state, Is.EqualTo("COMPLETED"));
        });
    }

    [Test]
    public async Task ShouldAnswerTheStatusOfAFlowSignalledThroughAnotherInstance()
    {
        var connectionString = await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync();
        Func<FakeDpsControlPlane, IDictionary<string, string?>> settings = _ => new Dictionary<string, string?>
        {
            ["Persistence:Backend"] = "postgres",
            ["Persistence:ConnectionString"] = connectionString,
        };
        await using var first = await DpsHarness.StartAsync(settings);
        await using var second = await DpsHarness.StartAsync(settings);

        using var prepared = await first.Signaling.PostAsync(
            "/signaling/dataflows/prepare", new StringContent(Support.Requests.BadSignalingCatalog.Prepare("tp-shared"), System.Text.Encoding.UTF8, "application/json"));
        using var status = await second.Signaling.GetAsync("/signaling/dataflows/tp-shared/status");

        Assert.That(JsonNode.Parse(await status.Content.ReadAsStringAsync())!["state"]!.GetValue<string>(), Is.EqualTo("PREPARED"));
    }
}
